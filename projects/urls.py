"""URLs of projects (/projects/) and partners (/partners/), two namespaces of one app."""

from django.urls import path

from projects import views

project_patterns = (
    [
        path("", views.ProjectListView.as_view(), name="list"),
        path("new/", views.ProjectCreateView.as_view(), name="create"),
        path("<id:pk>/", views.ProjectDetailView.as_view(), name="detail"),
        path("<id:pk>/edit/", views.ProjectUpdateView.as_view(), name="edit"),
    ],
    "projects",
)
partner_patterns = (
    [
        path("", views.PartnerListView.as_view(), name="list"),
        path("new/", views.PartnerCreateView.as_view(), name="create"),
        path("<id:pk>/", views.PartnerDetailView.as_view(), name="detail"),
        path("<id:pk>/edit/", views.PartnerUpdateView.as_view(), name="edit"),
    ],
    "partners",
)
