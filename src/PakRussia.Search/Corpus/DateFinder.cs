using System.Globalization;
using System.Text.RegularExpressions;

namespace PakRussia.Search.Corpus;

/// <summary>
/// Guesses when a text was written from the dates it mentions: the latest full date ("29 May, 2019",
/// "April 25, 2017", "30/05/2019") or, failing that, the latest year (1900–this year). A text cannot be older
/// than what it cites, so the latest mention is the best lower bound.
/// </summary>
internal static partial class DateFinder
{
    public sealed record Found(string Date, Corpus.DatePrecision Precision, string Mention);

    public static Found? Find(string text)
    {
        var thisYear = DateTime.UtcNow.Year;
        Found? best = null;
        DateOnly bestDate = default;

        void Consider(DateOnly date, string mention)
        {
            if (date.Year >= 1900 && date.Year <= thisYear && (best == null || date > bestDate))
            {
                bestDate = date;
                best = new Found(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Corpus.DatePrecision.Day, mention);
            }
        }

        foreach (Match match in DayMonthYear().Matches(text))
        {
            if (TryDate(match.Groups["y"].Value, match.Groups["m"].Value, match.Groups["d"].Value, out var date)) Consider(date, match.Value);
        }

        foreach (Match match in MonthDayYear().Matches(text))
        {
            if (TryDate(match.Groups["y"].Value, match.Groups["m"].Value, match.Groups["d"].Value, out var date)) Consider(date, match.Value);
        }

        foreach (Match match in Numeric().Matches(text))
        {
            if (TryNumeric(match, out var date)) Consider(date, match.Value);
        }

        if (best != null)
        {
            return best;
        }

        var latestYear = 0;
        var yearMention = "";
        foreach (Match match in Year().Matches(text))
        {
            var year = int.Parse(match.Value, CultureInfo.InvariantCulture);
            if (year <= thisYear && year > latestYear)
            {
                latestYear = year;
                yearMention = match.Value;
            }
        }

        return latestYear > 0 ? new Found(latestYear.ToString(CultureInfo.InvariantCulture), Corpus.DatePrecision.Year, yearMention) : null;
    }

    private static bool TryDate(string year, string month, string day, out DateOnly date)
    {
        date = default;
        var m = Array.FindIndex(Months, name => month.StartsWith(name, StringComparison.OrdinalIgnoreCase)) + 1;
        if (m == 0 || !int.TryParse(year, out var y) || !int.TryParse(day, out var d) || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return false;
        }

        date = new DateOnly(y, m, d);
        return true;
    }

    /// <summary>dd/mm/yyyy (day first, as in the seeds' "accessed 30/05/2019").</summary>
    private static bool TryNumeric(Match match, out DateOnly date)
    {
        date = default;
        var d = int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture);
        var m = int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture);
        var y = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        if (m is < 1 or > 12 || y < 1900 || d < 1 || d > DateTime.DaysInMonth(y, m))
        {
            return false;
        }

        date = new DateOnly(y, m, d);
        return true;
    }

    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    [GeneratedRegex(@"\b(?<d>\d{1,2}) (?<m>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6})\.?,? (?<y>(?:19|20)\d\d)\b")]
    private static partial Regex DayMonthYear();

    [GeneratedRegex(@"\b(?<m>(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]{0,6})\.? (?<d>\d{1,2}),? (?<y>(?:19|20)\d\d)\b")]
    private static partial Regex MonthDayYear();

    [GeneratedRegex(@"\b(?<d>\d{1,2})/(?<m>\d{1,2})/(?<y>(?:19|20)\d\d)\b")]
    private static partial Regex Numeric();

    [GeneratedRegex(@"\b(?:19|20)\d\d\b")]
    private static partial Regex Year();
}
