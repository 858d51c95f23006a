namespace Ihec.Portal.Features.Accounts;

/// <summary>Marker for Resources/Features/Accounts/AccountsText.*.resx.</summary>
public sealed class AccountsText;
