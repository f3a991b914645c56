using System.Text;

namespace PakRussia.Search.Web.Infrastructure;

/// <summary>Checks on the raw request before anything reads it: the Host header and the query string's encoding.</summary>
public static class RequestGuards
{
    /// <summary>Answers 400 to a Host header that is not one of ours (DNS rebinding, confused proxies).</summary>
    public static IApplicationBuilder UseHostCheck(this IApplicationBuilder app, IReadOnlySet<string> allowed) => app.Use((context, next) =>
    {
        var host = context.Request.Host;
        if (!host.HasValue || !allowed.Contains(host.Host))
        {
            return Problems.Write(context, StatusCodes.Status400BadRequest, "The Host header is not one this server answers to.");
        }

        return next(context);
    });

    /// <summary>Answers 400 to a query string with a broken percent escape or bytes that are not UTF-8.</summary>
    public static IApplicationBuilder UseQueryStringCheck(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var raw = context.Request.QueryString.Value;
        if (!string.IsNullOrEmpty(raw) && !IsWellFormed(raw))
        {
            return Problems.Write(context, StatusCodes.Status400BadRequest, "The query string is not valid percent-encoded UTF-8.");
        }

        return next(context);
    });

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>True when every '%' starts a two-digit hex escape and the decoded bytes are valid UTF-8.</summary>
    public static bool IsWellFormed(string raw)
    {
        var bytes = new List<byte>(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c == '%')
            {
                if (i + 2 >= raw.Length || !char.IsAsciiHexDigit(raw[i + 1]) || !char.IsAsciiHexDigit(raw[i + 2]))
                {
                    return false;
                }

                bytes.Add(Convert.ToByte(raw.Substring(i + 1, 2), 16));
                i += 2;
            }
            else if (c < 0x80)
            {
                bytes.Add((byte)c);
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
        }

        try
        {
            var text = StrictUtf8.GetString(bytes.ToArray());
            return !text.Contains('\0');
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
