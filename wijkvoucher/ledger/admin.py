"""The ledger in the admin: strictly read-only. Money moves only through
``ledger_transaction_post``."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from wijkvoucher.core.admin import ReadOnlyInline, ReadOnlyModelAdmin
from wijkvoucher.core.money import format_euro
from wijkvoucher.ledger.models import Account, Entry, LedgerTransaction


@admin.register(Account)
class AccountAdmin(ReadOnlyModelAdmin[Account]):
    list_display = ["code", "name", "kind", "balance", "allow_negative", "created_at"]
    list_filter = ["kind", "allow_negative"]
    search_fields = ["code", "name"]

    @admin.display(description=_("balance"), ordering="balance_cents")
    def balance(self, obj: Account) -> str:
        return format_euro(obj.balance_cents)


class EntryInline(ReadOnlyInline):
    model = Entry
    fields = ["account", "amount"]
    readonly_fields = ["account", "amount"]

    @admin.display(description=_("amount"))
    def amount(self, obj: Entry) -> str:
        return format_euro(obj.amount_cents)


@admin.register(LedgerTransaction)
class LedgerTransactionAdmin(ReadOnlyModelAdmin[LedgerTransaction]):
    list_display = ["created_at", "kind", "memo", "actor", "reverses"]
    list_filter = ["kind"]
    search_fields = ["memo", "uuid", "entries__account__code"]
    date_hierarchy = "created_at"
    list_select_related = ["actor", "reverses"]
    inlines = [EntryInline]


@admin.register(Entry)
class EntryAdmin(ReadOnlyModelAdmin[Entry]):
    list_display = ["created_at", "transaction", "account", "amount"]
    list_filter = ["account__kind"]
    search_fields = ["account__code", "transaction__memo"]
    list_select_related = ["transaction", "account"]

    @admin.display(description=_("amount"), ordering="amount_cents")
    def amount(self, obj: Entry) -> str:
        return format_euro(obj.amount_cents)
