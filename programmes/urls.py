from django.urls import path

from programmes import views

app_name = "programmes"

urlpatterns = [
    path("", views.ProgrammeListView.as_view(), name="list"),
    path("new/", views.ProgrammeCreateView.as_view(), name="create"),
    path("counts/", views.ProgrammeCountsView.as_view(), name="counts"),
    path("<id:pk>/", views.ProgrammeDetailView.as_view(), name="detail"),
    path("<id:pk>/edit/", views.ProgrammeUpdateView.as_view(), name="edit"),
    path("participants/<id:pk>/", views.ParticipantLinksView.as_view(), name="participant"),
    path("participants/<id:pk>/new/", views.ProgrammeLinkCreateView.as_view(), name="link_create"),
    path("links/<id:pk>/", views.ProgrammeLinkDetailView.as_view(), name="link"),
    path("links/<id:pk>/end/", views.ProgrammeLinkEndView.as_view(), name="link_end"),
    path("links/<id:pk>/correct/", views.ProgrammeLinkCorrectView.as_view(), name="link_correct"),
]
