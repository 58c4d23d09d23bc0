import datetime

import pytest
from django.utils import timezone

from activities.models import Activity, Attendance, Enrollment, ServiceType
from kis.tests.factories import LocationFactory
from participants.tests.factories import ParticipantFactory


@pytest.mark.django_db
def test_programme_smoke(client, coordinator):
    today = timezone.localdate()
    loc = LocationFactory()
    client.force_login(coordinator)
    assert client.get("/activities/").status_code == 200
    assert client.get("/activities/new/").status_code == 200
    st = ServiceType.objects.get(name="Warsztaty komputerowe")
    r = client.post(
        "/activities/new/",
        {
            "name": "ECDL Base",
            "service_type": st.pk,
            "trainer": "Jan Trener",
            "location": loc.pk,
            "start_date": (today - datetime.timedelta(days=30)).isoformat(),
            "end_date": (today + datetime.timedelta(days=30)).isoformat(),
            "capacity": 2,
            "planned_hours": 40,
            "completion_attendance": 80,
            "certificate_body": "ECDL Polska",
            "schedule-weekday": 1,
            "schedule-start_time": "10:00",
            "schedule-end_time": "12:00",
            "schedule-weeks": 8,
        },
    )
    assert r.status_code == 302, r.content.decode()[:3000]
    a = Activity.objects.get()
    assert a.sessions.count() == 8
    people = [ParticipantFactory(social_worker=coordinator) for _ in range(3)]
    for p in people:
        client.post(f"/activities/{a.pk}/enroll/", {"participant": p.pk})
    assert Enrollment.objects.filter(status="waiting").count() == 1
    s = a.sessions.first()
    assert client.get(f"/activities/sessions/{s.pk}/attendance/").status_code == 200
    r = client.post(f"/activities/sessions/{s.pk}/attendance/", {"all_present": "1"})
    assert r.status_code == 302
    assert Attendance.objects.filter(status="present").count() == 2
    e = Enrollment.objects.filter(status="enrolled").first()
    r = client.post(f"/activities/sessions/{s.pk}/attendance/", {f"mark-{e.pk}": "absent"}, HTTP_HX_REQUEST="true")
    assert r.status_code == 200 and b"row-" in r.content
    assert client.get(f"/activities/{a.pk}/").status_code == 200
    r = client.get(f"/activities/sessions/{s.pk}/attendance.pdf")
    assert r["Content-Type"] == "application/pdf"
    open("/tmp/att.pdf", "wb").write(r.content)
