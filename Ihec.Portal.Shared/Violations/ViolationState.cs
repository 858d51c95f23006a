namespace Ihec.Portal.Shared.Violations;

/// <summary>Where a violation report is in IHEC's review. The names are stored as text: do not rename.</summary>
public enum ViolationState
{
    Submitted,
    UnderReview,
    /// <summary>Back with the reporting organisation, which answers in the comment thread.</summary>
    NeedsInformation,
    Verified,
    /// <summary>Referred to IHEC's complaints and appeals process.</summary>
    Referred,
    Dismissed,
}

/// <summary>The kinds of electoral violation a CSO can report; each has a localised name <c>Category_{name}</c>.</summary>
public enum ViolationCategory
{
    VoteBuying,
    Intimidation,
    Violence,
    MisuseOfStateResources,
    CampaigningOutsidePeriod,
    ObstructionOfObservers,
    BallotStuffing,
    VotingWithoutBiometrics,
    MultipleVoting,
    FamilyVoting,
    IllegalCampaignMaterial,
    HateSpeech,
    BallotSecrecy,
    Other,
}

/// <summary>Who asks for a change: IHEC's monitoring reviewer or a member of the organisation that reported.</summary>
public enum ViolationParty
{
    Reviewer,
    Reporter,
}

/// <summary>Why a change of state was refused.</summary>
public enum TransitionRefusal
{
    None,
    NotAllowed,
    ReasonRequired,
}
