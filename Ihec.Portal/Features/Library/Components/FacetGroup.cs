namespace Ihec.Portal.Features.Library.Components;

public sealed record FacetOption(string Value, string Label, int Count);

/// <summary>One facet of a filter form: its query name, label, the selected value and the options with counts.</summary>
public sealed record FacetGroup(string Name, string Label, string? Selected, string? SelectedLabel, IReadOnlyList<FacetOption> Options);
