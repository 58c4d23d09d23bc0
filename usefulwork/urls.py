from django.urls import path

from usefulwork import views

app_name = "usefulwork"

urlpatterns = [
    path("", views.PlacementListView.as_view(), name="list"),
    path("new/", views.PlacementCreateView.as_view(), name="create"),
    path("<int:pk>/", views.PlacementDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", views.PlacementUpdateView.as_view(), name="edit"),
    path("<int:pk>/hours/", views.WorkDayCreateView.as_view(), name="hours_add"),
    path("hours/<int:pk>/remove/", views.WorkDayRemoveView.as_view(), name="hours_remove"),
    path("<int:pk>/settlement.pdf", views.PlacementSettlementView.as_view(), name="settlement_pdf"),
    path("<int:pk>/settlement.xlsx", views.PlacementSettlementView.as_view(extension="xlsx"), name="settlement_xlsx"),
    path(
        "organisations/<int:pk>/settlement.pdf",
        views.OrganisationSettlementView.as_view(),
        name="organisation_settlement_pdf",
    ),
    path(
        "organisations/<int:pk>/settlement.xlsx",
        views.OrganisationSettlementView.as_view(extension="xlsx"),
        name="organisation_settlement_xlsx",
    ),
]
