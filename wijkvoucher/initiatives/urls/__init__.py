from django.urls import URLPattern, URLResolver

from wijkvoucher.initiatives.urls.answer import urlpatterns as answer_urls
from wijkvoucher.initiatives.urls.notice import urlpatterns as notice_urls
from wijkvoucher.initiatives.urls.official import urlpatterns as official_urls
from wijkvoucher.initiatives.urls.resident import urlpatterns as resident_urls

app_name = "initiatives"

urlpatterns: list[URLPattern | URLResolver] = [
    *resident_urls,
    *answer_urls,
    *notice_urls,
    *official_urls,
]
