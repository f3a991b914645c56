namespace PakRussia.Search.Web.Tests.TestSupport;

/// <summary>
/// The query time budget of the test servers: generous, so that a busy machine (a fresh clone building beside other
/// work) never turns a test that is not about budgets into a 503. The budget itself is tested with a budget of one tick
/// (HardeningTests, QueryBudgetTests).
/// </summary>
public static class TestBudget
{
    public static readonly TimeSpan Query = TimeSpan.FromMinutes(1);
}
