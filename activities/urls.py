from django.urls import path

from activities.views import activity, attendance, referrals, support

app_name = "activities"

urlpatterns = [
    path("", activity.ActivityListView.as_view(), name="list"),
    path("new/", activity.ActivityFormView.as_view(), name="create"),
    path("<int:pk>/", activity.ActivityDetailView.as_view(), name="detail"),
    path("<int:pk>/edit/", activity.ActivityUpdateView.as_view(), name="edit"),
    path("<int:pk>/sessions/new/", activity.SessionCreateView.as_view(), name="session_create"),
    path("<int:pk>/enroll/", activity.EnrollView.as_view(), name="enroll"),
    path(
        "<int:pk>/monthly-attendance.pdf", attendance.MonthlyAttendancePdfView.as_view(), name="monthly_attendance_pdf"
    ),
    path("enrollments/<int:pk>/finish/", activity.EnrollmentFinishView.as_view(), name="enrollment_finish"),
    path("sessions/<int:pk>/attendance/", attendance.AttendanceView.as_view(), name="attendance"),
    path("sessions/<int:pk>/attendance.pdf", attendance.AttendancePdfView.as_view(), name="attendance_pdf"),
    path("catalogue/", support.ServiceTypeListView.as_view(), name="catalogue"),
    path("catalogue/new/", support.ServiceTypeCreateView.as_view(), name="servicetype_create"),
    path("catalogue/<int:pk>/edit/", support.ServiceTypeUpdateView.as_view(), name="servicetype_edit"),
    path("support/new/", support.IndividualSupportCreateView.as_view(), name="support_create"),
    path("internships/new/", support.InternshipCreateView.as_view(), name="internship_create"),
    path("internships/<int:pk>/edit/", support.InternshipUpdateView.as_view(), name="internship_edit"),
    path("volunteering/new/", support.VolunteerAgreementCreateView.as_view(), name="volunteering_create"),
    path("volunteering/<int:pk>/edit/", support.VolunteerAgreementUpdateView.as_view(), name="volunteering_edit"),
    path("referrals/", referrals.ReferralListView.as_view(), name="referral_list"),
    path("referrals/new/", referrals.ReferralCreateView.as_view(), name="referral_create"),
    path("referrals/<int:pk>/", referrals.ReferralDetailView.as_view(), name="referral_detail"),
    path("referrals/<int:pk>/accept/", referrals.ReferralAcceptView.as_view(), name="referral_accept"),
    path("referrals/<int:pk>/decline/", referrals.ReferralDeclineView.as_view(), name="referral_decline"),
    path("referrals/<int:pk>/close/", referrals.ReferralCloseView.as_view(), name="referral_close"),
    path("referrals/<int:pk>/letter.pdf", referrals.ReferralLetterView.as_view(), name="referral_letter"),
    path("referrals/<int:pk>/book/", referrals.AppointmentBookView.as_view(), name="appointment_book"),
    path("appointments/<int:pk>/mark/", referrals.AppointmentMarkView.as_view(), name="appointment_mark"),
    path("slots/", referrals.SpecialistSlotListView.as_view(), name="slot_list"),
    path("slots/new/", referrals.SpecialistSlotCreateView.as_view(), name="slot_create"),
    path("slots/<int:pk>/edit/", referrals.SpecialistSlotUpdateView.as_view(), name="slot_edit"),
]
