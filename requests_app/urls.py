from django.urls import path

from requests_app import data_subjects, statistics_views, views

app_name = "requests"

urlpatterns = [
    path("", views.request_list, name="list"),
    path("new/", views.request_new, name="new"),
    path("coordination/", views.coordination, name="coordination"),
    path("activity/", statistics_views.activity, name="activity"),
    path("data-subjects/", data_subjects.data_subjects, name="data_subjects"),
    path("data-subjects/requests/", data_subjects.subject_request_add, name="subject_request_add"),
    path(
        "data-subjects/requests/<int:pk>/answered/",
        data_subjects.subject_request_answered,
        name="subject_request_answered",
    ),
    path("data-subjects/<int:pk>/correct/", data_subjects.correct, name="data_subject_correct"),
    path("data-subjects/<int:pk>/erase/", data_subjects.erase, name="data_subject_erase"),
    path("personal-data-log/", data_subjects.read_log, name="read_log"),
    path("machine-translations/", views.translation_callback, name="translation_callback"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/authority/", views.edit_authority, name="edit_authority"),
    path("<int:pk>/edit/questions/", views.edit_questions, name="edit_questions"),
    path("<int:pk>/edit/subject/", views.edit_subject, name="edit_subject"),
    path("<int:pk>/review/", views.review, name="review"),
    path("<int:pk>/delete/", views.draft_delete, name="draft_delete"),
    path("<int:pk>/answers/", views.answers, name="answers"),
    path("<int:pk>/unblock/", views.unblock, name="unblock"),
    path("<int:pk>/messages/", views.message_add, name="message_add"),
    path("<int:pk>/translate/", views.translate, name="translate"),
    path("<int:pk>/attachments/", views.attachment_add, name="attachment_add"),
    path("<int:pk>/attachments/<int:attachment_pk>/", views.attachment, name="attachment"),
    path("<int:pk>/<str:action>/", views.act, name="act"),
]
