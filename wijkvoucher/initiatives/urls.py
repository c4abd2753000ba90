from django.urls import URLPattern, URLResolver

from wijkvoucher.initiatives.urls_official import urlpatterns as official_urls
from wijkvoucher.initiatives.urls_resident import urlpatterns as resident_urls

app_name = "initiatives"

urlpatterns: list[URLPattern | URLResolver] = [*resident_urls, *official_urls]
