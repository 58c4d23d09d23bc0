from django.urls import path

from activities import programme_views, support_views, views

app_name = "activities"

urlpatterns = [
    path("participations/new/", views.RecruitView.as_view(), name="recruit"),
    path("participations/<int:pk>/", views.ParticipationDetailView.as_view(), name="participation_detail"),
    path("participations/<int:pk>/decide/", views.DecideView.as_view(), name="participation_decide"),
    path("participations/<int:pk>/start/", views.ActivateView.as_view(), name="participation_activate"),
    path("participations/<int:pk>/complete/", views.CompleteView.as_view(), name="participation_complete"),
    path("participations/<int:pk>/drop-out/", views.DropOutView.as_view(), name="participation_drop_out"),
    path("participations/<int:pk>/follow-up/", views.FollowUpView.as_view(), name="participation_follow_up"),
    path("participations/<int:pk>/certificate.pdf", views.CertificatePdfView.as_view(), name="certificate"),
]

urlpatterns += [
    path("", programme_views.ActivityListView.as_view(), name="list"),
    path("new/", programme_views.ActivityFormView.as_view(), name="create"),
    path("<int:pk>/", programme_views.ActivityDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", programme_views.ActivityFormView.as_view(), name="edit"),
    path("<int:pk>/sessions/new/", programme_views.SessionCreateView.as_view(), name="session_create"),
    path("<int:pk>/enroll/", programme_views.EnrollView.as_view(), name="enroll"),
    path("enrollments/<int:pk>/finish/", programme_views.EnrollmentFinishView.as_view(), name="enrollment_finish"),
    path("sessions/<int:pk>/attendance/", programme_views.AttendanceView.as_view(), name="attendance"),
    path("sessions/<int:pk>/attendance.pdf", programme_views.AttendancePdfView.as_view(), name="attendance_pdf"),
]

urlpatterns += [
    path("catalogue/", support_views.ServiceTypeListView.as_view(), name="catalogue"),
    path("catalogue/new/", support_views.ServiceTypeCreateView.as_view(), name="servicetype_create"),
    path("catalogue/<int:pk>/edit/", support_views.ServiceTypeUpdateView.as_view(), name="servicetype_edit"),
    path("support/new/", support_views.IndividualSupportCreateView.as_view(), name="support_create"),
    path("internships/new/", support_views.InternshipCreateView.as_view(), name="internship_create"),
    path("internships/<int:pk>/edit/", support_views.InternshipUpdateView.as_view(), name="internship_edit"),
    path("volunteering/new/", support_views.VolunteerAgreementCreateView.as_view(), name="volunteering_create"),
    path("volunteering/<int:pk>/edit/", support_views.VolunteerAgreementUpdateView.as_view(), name="volunteering_edit"),
]
