from django.urls import URLPattern, URLResolver

app_name = "regiegroep"

urlpatterns: list[URLPattern | URLResolver] = []
