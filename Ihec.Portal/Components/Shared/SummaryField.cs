namespace Ihec.Portal.Components.Shared;

/// <summary>
/// A field listed in an <see cref="ErrorSummary"/>: model property, id of the input to focus, visible label, and the
/// object the property is on when that is not the form's model (a nested model such as a change-password form's new password).
/// </summary>
public sealed record SummaryField(string Property, string InputId, string Label, object? Model = null);
