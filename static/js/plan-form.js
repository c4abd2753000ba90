/*
 * Progressive enhancement of the plan wizard (issue #9). Without this script every
 * step works the same, with a page load more:
 * - "add another cost/contribution" adds an empty row on the page instead of saving
 *   and reloading;
 * - the question why food and drink are needed appears as soon as a cost of that
 *   kind is chosen;
 * - the questions for someone younger than the age threshold show only when the
 *   resident says they are younger.
 */
(function () {
  "use strict";

  function addRow(kind) {
    var rows = document.querySelector('[data-rows="' + kind + '"]');
    var template = document.getElementById(kind + "-empty-row");
    var total = document.getElementById("id_" + kind + "-TOTAL_FORMS");
    var max = document.getElementById("id_" + kind + "-MAX_NUM_FORMS");
    if (!rows || !template || !total) {
      return false;
    }
    var index = parseInt(total.value, 10);
    if (max && index >= parseInt(max.value, 10)) {
      return false;
    }
    var html = template.innerHTML.replace(/__prefix__/g, String(index));
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var row = holder.firstElementChild;
    rows.appendChild(row);
    total.value = String(index + 1);
    var first = row.querySelector("input, select, textarea");
    if (first) {
      first.focus();
    }
    return true;
  }

  function foodReason() {
    var section = document.querySelector("[data-food-reason]");
    if (!section) {
      return;
    }
    var category = section.getAttribute("data-food-reason");
    var selects = document.querySelectorAll('select[name$="-category"]');
    var chosen = Array.prototype.some.call(selects, function (select) {
      return select.value === category;
    });
    if (chosen) {
      section.hidden = false;
    }
  }

  function ageQuestions() {
    var younger = document.querySelector("[data-age-younger]");
    var checked = document.querySelector('input[name="age_band"]:checked');
    if (!younger) {
      return;
    }
    younger.hidden = Boolean(checked && checked.value === "yes");
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-add-row]");
    if (button && addRow(button.getAttribute("data-add-row"))) {
      event.preventDefault();
    }
  });
  document.addEventListener("change", function (event) {
    if (event.target.matches('select[name$="-category"]')) {
      foodReason();
    }
    if (event.target.matches('input[name="age_band"]')) {
      ageQuestions();
    }
  });
  Array.prototype.forEach.call(
    document.querySelectorAll("[data-add-row][data-js-label]"),
    function (button) {
      button.textContent = button.getAttribute("data-js-label");
    }
  );
  ageQuestions();
})();
