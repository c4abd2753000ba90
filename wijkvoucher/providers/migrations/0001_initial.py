"""Issue #10: Provider, ProviderMembership and ProviderApiToken move from the vouchers
app to this one. Only Django's model state moves (SeparateDatabaseAndState): the
tables keep their names (``db_table = "vouchers_provider"`` …) and their rows, and
``vouchers.0005`` renames the content types in place so that their primary keys, which
the audit trail's hash covers, stay the same."""

import django.db.models.deletion
import django.utils.timezone
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('ledger', '0005_alter_account_kind_alter_ledgertransaction_kind'),
        ('neighbourhoods', '0006_regulationversion_cost_words'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("vouchers", "0004_provider_review_status"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Provider',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('kvk_number', models.CharField(blank=True, max_length=8, verbose_name='KvK number')),
                        ('iban', models.CharField(blank=True, max_length=34, verbose_name='IBAN')),
                        ('street_address', models.CharField(blank=True, max_length=200, verbose_name='address')),
                        ('postcode', models.CharField(blank=True, max_length=6, verbose_name='postcode')),
                        ('city', models.CharField(blank=True, max_length=100, verbose_name='place')),
                        ('description', models.TextField(blank=True, verbose_name='what they offer')),
                        ('categories', models.JSONField(blank=True, default=list, verbose_name='categories')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                        ('approved_at', models.DateTimeField(blank=True, null=True, verbose_name='approved at')),
                        ('review_status', models.CharField(choices=[('submitted', 'waiting for review'), ('returned', 'returned for more information'), ('rejected', 'rejected'), ('approved', 'approved')], default='submitted', max_length=20, verbose_name='review')),
                        ('review_reason', models.TextField(blank=True, verbose_name='reason given to the applicant')),
                        ('approved_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='approved by')),
                        ('municipality', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='providers', to='neighbourhoods.municipality', verbose_name='municipality')),
                        ('neighbourhoods', models.ManyToManyField(blank=True, related_name='providers', to='neighbourhoods.neighbourhood', verbose_name='wijken served')),
                        ('payable_account', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='ledger.account', verbose_name='payable account')),
                        ('registered_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='registered by')),
                    ],
                    options={
                        'verbose_name': 'provider',
                        'verbose_name_plural': 'providers',
                        'db_table': 'vouchers_provider',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='ProviderApiToken',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('name', models.CharField(max_length=100, verbose_name='name')),
                        ('prefix', models.CharField(max_length=12, verbose_name='first characters')),
                        ('key_digest', models.CharField(max_length=64, unique=True, verbose_name='key digest')),
                        ('last_used_at', models.DateTimeField(blank=True, null=True, verbose_name='last used at')),
                        ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='revoked at')),
                        ('created_by', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='created by')),
                        ('provider', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='api_tokens', to='providers.provider', verbose_name='provider')),
                        ('revoked_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='revoked by')),
                    ],
                    options={
                        'verbose_name': 'API token',
                        'verbose_name_plural': 'API tokens',
                        'db_table': 'vouchers_providerapitoken',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='ProviderMembership',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('valid_from', models.DateField(verbose_name='from')),
                        ('valid_until', models.DateField(blank=True, null=True, verbose_name='until')),
                        ('provider', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='memberships', to='providers.provider', verbose_name='provider')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='provider_memberships', to=settings.AUTH_USER_MODEL, verbose_name='person')),
                    ],
                    options={
                        'verbose_name': 'provider user',
                        'verbose_name_plural': 'provider users',
                        'db_table': 'vouchers_providermembership',
                    },
                ),
                migrations.AddConstraint(
                    model_name='provider',
                    constraint=models.CheckConstraint(condition=models.Q(('review_status__in', ['submitted', 'returned', 'rejected', 'approved'])), name='provider_review_status_known'),
                ),
                migrations.AddConstraint(
                    model_name='provider',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(models.Q(('review_status', 'approved'), _negated=True), ('approved_at__isnull', False), _connector='OR'), models.Q(models.Q(('review_status__in', ['returned', 'rejected']), _negated=True), ('approved_at__isnull', True), _connector='OR')), name='provider_approved_fields'),
                ),
                migrations.AddConstraint(
                    model_name='providermembership',
                    constraint=models.UniqueConstraint(fields=('provider', 'user'), name='provider_membership_unique'),
                ),
            ],
        ),
    ]
