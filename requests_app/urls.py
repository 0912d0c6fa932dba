from django.urls import path

from requests_app import statistics_views, views

app_name = "requests"

urlpatterns = [
    path("", views.request_list, name="list"),
    path("new/", views.request_new, name="new"),
    path("coordination/", views.coordination, name="coordination"),
    path("activity/", statistics_views.activity, name="activity"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/authority/", views.edit_authority, name="edit_authority"),
    path("<int:pk>/edit/questions/", views.edit_questions, name="edit_questions"),
    path("<int:pk>/edit/subject/", views.edit_subject, name="edit_subject"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/answers/", views.answers, name="answers"),
    path("<int:pk>/messages/", views.message_add, name="message_add"),
    path("<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("<int:pk>/<str:action>/", views.act, name="act"),
]
