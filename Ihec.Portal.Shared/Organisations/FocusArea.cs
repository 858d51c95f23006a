namespace Ihec.Portal.Shared.Organisations;

public enum FocusArea
{
    Observation = 1,
    VoterEducation = 2,
    WomensParticipation = 3,
    PersonsWithDisabilities = 4,
    Youth = 5,
    Minorities = 6,
    MediaMonitoring = 7,
}
