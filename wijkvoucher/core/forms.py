"""Form plumbing shared by every app: inputs carry the NL Design System classes and the
ARIA links to their hint and error that templates/includes/_field.html renders."""

from __future__ import annotations

from typing import Any

from django import forms


class AccessibleFormMixin:
    """Mix into a Form: adds utrecht classes, aria-describedby and aria-invalid."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._decorate()

    def _decorate(self) -> None:
        form: forms.BaseForm = self  # type: ignore[assignment]
        for name, field in form.fields.items():
            widget = field.widget
            bound = form[name]
            described = []
            if field.help_text:
                described.append(f"{bound.auto_id}-hint")
            if form.is_bound and name in form.errors:
                described.append(f"{bound.auto_id}-error")
                widget.attrs["aria-invalid"] = "true"
            if described:
                widget.attrs["aria-describedby"] = " ".join(described)
            # Keep the widget's own classes; ours are recomputed on every pass.
            css = " ".join(
                c
                for c in widget.attrs.get("class", "").split()
                if not c.startswith("utrecht-")
            )
            textbox = False
            if isinstance(widget, (forms.CheckboxInput, forms.CheckboxSelectMultiple)):
                extra = "utrecht-checkbox utrecht-checkbox--html-input"
            elif isinstance(widget, forms.RadioSelect):
                extra = "utrecht-radio-button utrecht-radio-button--html-input"
            elif isinstance(widget, forms.Select):
                extra = "utrecht-select utrecht-select--html-select"
            elif isinstance(widget, forms.Textarea):
                extra = "utrecht-textarea utrecht-textarea--html-textarea"
            else:
                extra = "utrecht-textbox utrecht-textbox--html-input"
                textbox = True
            if textbox and form.is_bound and name in form.errors:
                extra += " utrecht-textbox--invalid"
            widget.attrs["class"] = f"{css} {extra}".strip()

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        self._decorate()
