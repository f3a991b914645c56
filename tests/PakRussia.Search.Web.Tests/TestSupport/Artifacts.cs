namespace PakRussia.Search.Web.Tests.TestSupport;

/// <summary>Where test artifacts go.</summary>
public static class Artifacts
{
    /// <summary>Browser screenshots: artifacts/screenshots/ in the clone (git-ignored).</summary>
    public static string Screenshots => Path.Combine(RepoPaths.Root, "artifacts", "screenshots");
}
