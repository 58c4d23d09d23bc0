from django.urls import path

from usefulwork import views

app_name = "usefulwork"

urlpatterns = [
    path("", views.PlacementListView.as_view(), name="list"),
    path("new/", views.PlacementCreateView.as_view(), name="create"),
    path("<id:pk>/", views.PlacementDetailView.as_view(), name="detail"),
    path("<id:pk>/edit/", views.PlacementUpdateView.as_view(), name="edit"),
    path("<id:pk>/hours/", views.WorkDayCreateView.as_view(), name="hours_add"),
    path("hours/<id:pk>/remove/", views.WorkDayRemoveView.as_view(), name="hours_remove"),
    path("<id:pk>/settlement.pdf", views.PlacementSettlementView.as_view(), name="settlement_pdf"),
    path("<id:pk>/settlement.xlsx", views.PlacementSettlementView.as_view(extension="xlsx"), name="settlement_xlsx"),
    path(
        "organisations/<id:pk>/settlement.pdf",
        views.OrganisationSettlementView.as_view(),
        name="organisation_settlement_pdf",
    ),
    path(
        "organisations/<id:pk>/settlement.xlsx",
        views.OrganisationSettlementView.as_view(extension="xlsx"),
        name="organisation_settlement_xlsx",
    ),
]
