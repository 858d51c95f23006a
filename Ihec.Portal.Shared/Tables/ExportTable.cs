namespace Ihec.Portal.Shared.Tables;

/// <summary>
/// A table that the portal exports as CSV (<see cref="Csv"/>) and XLSX (<see cref="Xlsx"/>): a header row and rows of typed
/// cells, each one of <c>string</c>, <c>long</c>, <c>int</c>, <c>double</c>, <c>bool</c>, <see cref="DateOnly"/>,
/// <see cref="DateTime"/> (a wall-clock time in Iraq, to the minute), <see cref="DateTimeOffset"/> (an instant) or null.
/// </summary>
public sealed record ExportTable(IReadOnlyList<string> Header, IAsyncEnumerable<object?[]> Rows)
{
    public ExportTable(IReadOnlyList<string> header, IEnumerable<object?[]> rows) : this(header, rows.ToAsyncEnumerable())
    {
    }
}
