namespace Ihec.Portal.Features.Organisations.Components;

/// <summary>A field listed in an <see cref="ErrorSummary"/>: model property, id of the input to focus, visible label.</summary>
public sealed record SummaryField(string Property, string InputId, string Label);
