// Stand-ins named like the query-language branch's errors (…ParseException, …LimitException in the engine's
// Querying namespace) to check that the web layer maps them to 400 by name, before and after that branch merges.
namespace PakRussia.Search.Querying
{
    public sealed class FakeQueryParseException(string message) : Exception(message);

    public sealed class FakeQueryLimitException(string message) : Exception(message);
}
