namespace PakRussia.Search.Querying.Aliases;

/// <summary>A name of the query also searched as one of its aliases: "Soviet Union" as "USSR", from aliases.txt line 3.</summary>
public sealed record AliasUse(string Typed, string Variant, int Line, string File)
{
    /// <summary>The variant as the list has it (its words, its case rule), to recognise it among a hit's marks.</summary>
    public required AliasVariant Name { get; init; }

    /// <summary>For the query: "Soviet Union also searched as USSR (aliases.txt line 3)".</summary>
    public string Searched => $"{Typed} also searched as {Variant} ({File} line {Line})";

    /// <summary>For a hit: "USSR matched as an alias of Soviet Union (aliases.txt line 3)".</summary>
    public string Matched => $"{Variant} matched as an alias of {Typed} ({File} line {Line})";

    /// <summary>Whether a marked stretch of a hit's text holds this variant ("collapse of the USSR" holds "USSR").</summary>
    public bool IsWrittenIn(string marked)
    {
        var words = AliasWords.Split(marked);
        for (var at = 0; at + Name.Words.Count <= words.Count; at++)
        {
            if (Name.Matches(words, at))
            {
                return true;
            }
        }

        return false;
    }
}
