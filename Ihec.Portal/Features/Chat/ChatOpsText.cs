namespace Ihec.Portal.Features.Chat;

/// <summary>Marker for Resources/Features/Chat/ChatOpsText.*.resx: the media unit's tools (queue, canned responses, search), working hours, away e-mails and ratings.</summary>
public sealed class ChatOpsText;
