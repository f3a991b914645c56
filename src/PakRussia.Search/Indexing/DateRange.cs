using System.Globalization;

namespace PakRussia.Search.Indexing;

/// <summary>
/// The first and last day a date at its precision can stand for: "2017" → 2017-01-01..2017-12-31,
/// "2017-02" → 2017-02-01..2017-02-28. Range filters match a document whose span overlaps the range,
/// so a document dated only to a year matches by its year.
/// </summary>
public static class DateRange
{
    public static (string? First, string? Last) Of(string? date)
    {
        if (string.IsNullOrEmpty(date))
        {
            return (null, null);
        }

        if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return (Iso(day), Iso(day));
        }

        if (DateOnly.TryParseExact(date + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            return (Iso(month), Iso(month.AddMonths(1).AddDays(-1)));
        }

        if (date.Length == 4 && int.TryParse(date, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year >= 1)
        {
            return ($"{year:D4}-01-01", $"{year:D4}-12-31");
        }

        return (null, null);
    }

    /// <summary>Parses a user's bound ("2014", "2014-03", "2014-03-05"); null when it is not a date.</summary>
    public static (string First, string Last)? Parse(string text)
    {
        var (first, last) = Of(text.Trim());
        return first is null || last is null ? null : (first, last);
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
