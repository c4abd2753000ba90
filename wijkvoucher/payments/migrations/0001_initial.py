"""Issue #10: Dispute, Claim, ClaimReceipt, PayoutBatch and PayoutLine move from the vouchers
app to this one. Only Django's model state moves (SeparateDatabaseAndState): the
tables keep their names (``db_table = "vouchers_claim"`` …) and their rows, and
``vouchers.0005`` renames the content types in place so that their primary keys, which
the audit trail's hash covers, stay the same."""

import django.db.models.deletion
import django.utils.timezone
import uuid
import wijkvoucher.payments.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('initiatives', '0008_initiative_uses_public_space'),
        ('ledger', '0005_alter_account_kind_alter_ledgertransaction_kind'),
        ('neighbourhoods', '0006_regulationversion_cost_words'),
        ('vouchers', '0004_provider_review_status'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("providers", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Claim',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('kind', models.CharField(choices=[('reimbursement', 'reimbursement of a receipt'), ('advance', 'advance')], max_length=20, verbose_name='kind')),
                        ('amount_cents', models.PositiveBigIntegerField(verbose_name='amount (cents)')),
                        ('description', models.CharField(max_length=300, verbose_name='what it was for')),
                        ('payee_name', models.CharField(max_length=70, verbose_name='account holder')),
                        ('iban', models.CharField(max_length=34, verbose_name='IBAN')),
                        ('status', models.CharField(choices=[('submitted', 'waiting for approval'), ('approved', 'approved, to be paid'), ('rejected', 'rejected'), ('paid', 'paid')], db_index=True, default='submitted', max_length=20, verbose_name='status')),
                        ('decided_at', models.DateTimeField(blank=True, null=True, verbose_name='decided at')),
                        ('rejection_reason', models.TextField(blank=True, verbose_name='reason for rejection')),
                        ('budget_line', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='claims', to='initiatives.budgetline', verbose_name='budget line')),
                        ('decided_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='decided by')),
                        ('initiative', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='claims', to='initiatives.initiative', verbose_name='initiative')),
                        ('submitted_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='submitted by')),
                        ('transaction', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='claim', to='ledger.ledgertransaction', verbose_name='ledger transaction')),
                    ],
                    options={
                        'verbose_name': 'reimbursement or advance',
                        'verbose_name_plural': 'reimbursements and advances',
                        'db_table': 'vouchers_claim',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='ClaimReceipt',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('file', models.FileField(max_length=200, upload_to=wijkvoucher.payments.models.receipt_upload_to, verbose_name='file')),
                        ('original_name', models.CharField(max_length=200, verbose_name='file name')),
                        ('content_type', models.CharField(max_length=100, verbose_name='content type')),
                        ('size_bytes', models.PositiveIntegerField(verbose_name='size (bytes)')),
                        ('claim', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='receipts', to='payments.claim', verbose_name='claim')),
                    ],
                    options={
                        'verbose_name': 'receipt',
                        'verbose_name_plural': 'receipts',
                        'db_table': 'vouchers_claimreceipt',
                        'ordering': ['pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Dispute',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('reason', models.TextField(verbose_name='what is wrong')),
                        ('status', models.CharField(choices=[('open', 'open'), ('upheld', 'upheld: refunded'), ('rejected', 'rejected')], default='open', max_length=20, verbose_name='status')),
                        ('resolved_at', models.DateTimeField(blank=True, null=True, verbose_name='resolved at')),
                        ('resolution', models.TextField(blank=True, verbose_name='answer')),
                        ('raised_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='raised by')),
                        ('redemption', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='disputes', to='vouchers.redemption', verbose_name='redemption')),
                        ('refund', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='dispute', to='vouchers.refund', verbose_name='refund')),
                        ('resolved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='resolved by')),
                    ],
                    options={
                        'verbose_name': 'dispute',
                        'verbose_name_plural': 'disputes',
                        'db_table': 'vouchers_dispute',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='PayoutBatch',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('reference', models.CharField(max_length=35, unique=True, verbose_name='reference')),
                        ('status', models.CharField(choices=[('prepared', 'prepared, waiting for a second approval'), ('approved', 'approved, ready for the bank'), ('paid', 'paid'), ('cancelled', 'cancelled')], db_index=True, default='prepared', max_length=20, verbose_name='status')),
                        ('total_cents', models.PositiveBigIntegerField(verbose_name='total (cents)')),
                        ('execution_date', models.DateField(verbose_name='execution date')),
                        ('approved_at', models.DateTimeField(blank=True, null=True, verbose_name='approved at')),
                        ('paid_at', models.DateTimeField(blank=True, null=True, verbose_name='paid at')),
                        ('cancelled_at', models.DateTimeField(blank=True, null=True, verbose_name='cancelled at')),
                        ('approved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='approved by')),
                        ('cancelled_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='cancelled by')),
                        ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='payout_batches', to='neighbourhoods.municipality', verbose_name='municipality')),
                        ('paid_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='marked paid by')),
                        ('prepared_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='prepared by')),
                        ('transaction', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='payout_batch', to='ledger.ledgertransaction', verbose_name='ledger transaction')),
                    ],
                    options={
                        'verbose_name': 'payout batch',
                        'verbose_name_plural': 'payout batches',
                        'db_table': 'vouchers_payoutbatch',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='PayoutLine',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('payee_kind', models.CharField(choices=[('provider', 'provider'), ('initiator', 'initiator')], max_length=20, verbose_name='payee')),
                        ('name', models.CharField(max_length=70, verbose_name='account holder')),
                        ('iban', models.CharField(max_length=34, verbose_name='IBAN')),
                        ('amount_cents', models.PositiveBigIntegerField(verbose_name='amount (cents)')),
                        ('remittance', models.CharField(max_length=140, verbose_name='description on the statement')),
                        ('account', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='ledger.account', verbose_name='payable account')),
                        ('batch', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='lines', to='payments.payoutbatch', verbose_name='payout batch')),
                        ('claims', models.ManyToManyField(blank=True, related_name='payout_lines', to='payments.claim', verbose_name='claims paid')),
                        ('initiative', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='payout_lines', to='initiatives.initiative', verbose_name='initiative')),
                    ],
                    options={
                        'verbose_name': 'payout line',
                        'verbose_name_plural': 'payout lines',
                        'db_table': 'vouchers_payoutline',
                        'ordering': ['pk'],
                    },
                ),
                migrations.AddField(
                    model_name='payoutline',
                    name='provider',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='payout_lines', to='providers.provider', verbose_name='provider'),
                ),
                migrations.AddField(
                    model_name='payoutline',
                    name='redemptions',
                    field=models.ManyToManyField(blank=True, related_name='payout_lines', to='vouchers.redemption', verbose_name='redemptions paid'),
                ),
                migrations.AddConstraint(
                    model_name='claim',
                    constraint=models.CheckConstraint(condition=models.Q(('amount_cents__gt', 0)), name='claim_amount_positive'),
                ),
                migrations.AddConstraint(
                    model_name='claim',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'reimbursement'), _negated=True), ('budget_line__isnull', False), _connector='OR'), name='claim_reimbursement_has_budget_line'),
                ),
                migrations.AddConstraint(
                    model_name='claim',
                    constraint=models.CheckConstraint(condition=models.Q(('decided_by__isnull', True), models.Q(('decided_by', models.F('submitted_by')), _negated=True), _connector='OR'), name='claim_not_decided_by_submitter'),
                ),
                migrations.AddConstraint(
                    model_name='dispute',
                    constraint=models.UniqueConstraint(condition=models.Q(('status', 'open')), fields=('redemption',), name='dispute_one_open_per_redemption'),
                ),
                migrations.AddConstraint(
                    model_name='payoutbatch',
                    constraint=models.CheckConstraint(condition=models.Q(('total_cents__gt', 0)), name='payout_total_positive'),
                ),
                migrations.AddConstraint(
                    model_name='payoutbatch',
                    constraint=models.CheckConstraint(condition=models.Q(('approved_by__isnull', True), models.Q(('approved_by', models.F('prepared_by')), _negated=True), _connector='OR'), name='payout_four_eyes'),
                ),
                migrations.AddConstraint(
                    model_name='payoutbatch',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('status__in', ['approved', 'paid']), _negated=True), ('approved_by__isnull', False), _connector='OR'), name='payout_approved_has_approver'),
                ),
                migrations.AddConstraint(
                    model_name='payoutbatch',
                    constraint=models.UniqueConstraint(condition=models.Q(('status__in', ['prepared', 'approved'])), fields=('municipality',), name='payout_one_open_per_municipality'),
                ),
                migrations.AddConstraint(
                    model_name='payoutline',
                    constraint=models.CheckConstraint(condition=models.Q(('amount_cents__gt', 0)), name='payout_line_amount_positive'),
                ),
                migrations.AddConstraint(
                    model_name='payoutline',
                    constraint=models.UniqueConstraint(fields=('batch', 'account'), name='payout_line_one_per_account'),
                ),
                migrations.AddConstraint(
                    model_name='payoutline',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('payee_kind', 'provider'), ('provider__isnull', False)), models.Q(('initiative__isnull', False), ('payee_kind', 'initiator')), _connector='OR'), name='payout_line_payee_set'),
                ),
            ],
        ),
    ]
