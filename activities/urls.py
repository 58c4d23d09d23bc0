from django.urls import path

from activities.views import activity, attendance, referrals, support

app_name = "activities"

urlpatterns = [
    path("", activity.ActivityListView.as_view(), name="list"),
    path("new/", activity.ActivityFormView.as_view(), name="create"),
    path("<id:pk>/", activity.ActivityDetailView.as_view(), name="detail"),
    path("<id:pk>/edit/", activity.ActivityUpdateView.as_view(), name="edit"),
    path("<id:pk>/sessions/new/", activity.SessionCreateView.as_view(), name="session_create"),
    path("<id:pk>/enroll/", activity.EnrollView.as_view(), name="enroll"),
    path(
        "<id:pk>/monthly-attendance.pdf", attendance.MonthlyAttendancePdfView.as_view(), name="monthly_attendance_pdf"
    ),
    path("enrollments/<id:pk>/finish/", activity.EnrollmentFinishView.as_view(), name="enrollment_finish"),
    path("sessions/<id:pk>/attendance/", attendance.AttendanceView.as_view(), name="attendance"),
    path("sessions/<id:pk>/attendance.pdf", attendance.AttendancePdfView.as_view(), name="attendance_pdf"),
    path("catalogue/", support.ServiceTypeListView.as_view(), name="catalogue"),
    path("catalogue/new/", support.ServiceTypeCreateView.as_view(), name="servicetype_create"),
    path("catalogue/<id:pk>/edit/", support.ServiceTypeUpdateView.as_view(), name="servicetype_edit"),
    path("support/new/", support.IndividualSupportCreateView.as_view(), name="support_create"),
    path("internships/new/", support.InternshipCreateView.as_view(), name="internship_create"),
    path("internships/<id:pk>/edit/", support.InternshipUpdateView.as_view(), name="internship_edit"),
    path("volunteering/new/", support.VolunteerAgreementCreateView.as_view(), name="volunteering_create"),
    path("volunteering/<id:pk>/edit/", support.VolunteerAgreementUpdateView.as_view(), name="volunteering_edit"),
    path("referrals/", referrals.ReferralListView.as_view(), name="referral_list"),
    path("referrals/new/", referrals.ReferralCreateView.as_view(), name="referral_create"),
    path("referrals/<id:pk>/", referrals.ReferralDetailView.as_view(), name="referral_detail"),
    path("referrals/<id:pk>/accept/", referrals.ReferralAcceptView.as_view(), name="referral_accept"),
    path("referrals/<id:pk>/decline/", referrals.ReferralDeclineView.as_view(), name="referral_decline"),
    path("referrals/<id:pk>/close/", referrals.ReferralCloseView.as_view(), name="referral_close"),
    path("referrals/<id:pk>/letter.pdf", referrals.ReferralLetterView.as_view(), name="referral_letter"),
    path("referrals/<id:pk>/book/", referrals.AppointmentBookView.as_view(), name="appointment_book"),
    path("appointments/<id:pk>/mark/", referrals.AppointmentMarkView.as_view(), name="appointment_mark"),
    path("slots/", referrals.SpecialistSlotListView.as_view(), name="slot_list"),
    path("slots/new/", referrals.SpecialistSlotCreateView.as_view(), name="slot_create"),
    path("slots/<id:pk>/edit/", referrals.SpecialistSlotUpdateView.as_view(), name="slot_edit"),
]
