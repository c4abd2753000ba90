from django.urls import URLPattern, URLResolver

app_name = "decisions"

urlpatterns: list[URLPattern | URLResolver] = []
