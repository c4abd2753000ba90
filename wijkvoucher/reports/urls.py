from django.urls import URLPattern, path

from wijkvoucher.reports import views

app_name = "reports"

urlpatterns: list[URLPattern] = [
    path("rapportages/", views.overview, name="overview"),
    path("rapportages/xlsx/", views.xlsx_view, name="xlsx"),
    path("rapportages/jaarverslag/", views.annual_pdf_view, name="annual_pdf"),
    path("rapportages/csv/<slug:key>/", views.section_csv_view, name="section_csv"),
]
