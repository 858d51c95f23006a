namespace Ihec.Portal.Features.Chat;

/// <summary>Marker for Resources/Features/Chat/ChatText.*.resx.</summary>
public sealed class ChatText;
