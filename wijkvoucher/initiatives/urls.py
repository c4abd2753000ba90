from django.urls import URLPattern, URLResolver

from wijkvoucher.initiatives.urls_answer import urlpatterns as answer_urls
from wijkvoucher.initiatives.urls_notice import urlpatterns as notice_urls
from wijkvoucher.initiatives.urls_official import urlpatterns as official_urls
from wijkvoucher.initiatives.urls_resident import urlpatterns as resident_urls

app_name = "initiatives"

urlpatterns: list[URLPattern | URLResolver] = [
    *resident_urls,
    *answer_urls,
    *notice_urls,
    *official_urls,
]
