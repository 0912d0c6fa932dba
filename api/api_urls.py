"""The API's addresses, version 1 (docs/api.md: versioning). Included under ``/api/v1/``."""

from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView

from api import endpoints, views

app_name = "api"

urlpatterns = [
    path(
        "openapi.json", SpectacularJSONAPIView.as_view(authentication_classes=[], permission_classes=[]), name="schema"
    ),
    # The reference as a portal page: server-rendered from the document, in the reader's language around it.
    path("docs/", views.api_reference, name="docs"),
    path("me", endpoints.MeView.as_view(), name="me"),
    path("authority", endpoints.MyAuthorityView.as_view(), name="my_authority"),
    path("authorities", endpoints.AuthorityList.as_view(), name="authorities"),
    path("authorities/<int:pk>", endpoints.AuthorityDetail.as_view(), name="authority"),
    path("registers", endpoints.RegisterList.as_view(), name="registers"),
    path("legislative-areas", endpoints.LegislativeAreaList.as_view(), name="legislative_areas"),
    path("question-sets", endpoints.QuestionSetList.as_view(), name="question_sets"),
    path("requests", endpoints.RequestList.as_view(), name="requests"),
    path("requests/<int:pk>", endpoints.RequestDetail.as_view(), name="request"),
    path("requests/<int:pk>/actions/<str:action>", endpoints.RequestAction.as_view(), name="request_action"),
    path("requests/<int:pk>/answers", endpoints.RequestAnswers.as_view(), name="request_answers"),
    path("requests/<int:pk>/messages", endpoints.MessageList.as_view(), name="messages"),
    path("requests/<int:pk>/attachments", endpoints.AttachmentList.as_view(), name="attachments"),
    path(
        "requests/<int:pk>/attachments/<int:attachment_pk>",
        endpoints.AttachmentContent.as_view(),
        name="attachment_content",
    ),
    path("requests/<int:pk>/events", endpoints.EventList.as_view(), name="events"),
]
