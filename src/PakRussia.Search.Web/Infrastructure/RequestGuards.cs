using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.Features;

namespace PakRussia.Search.Web.Infrastructure;

/// <summary>Checks on the raw request before anything reads it: the Host header, the body and the query string's encoding.</summary>
public static class RequestGuards
{
    /// <summary>
    /// The largest request body accepted, on any route (Kestrel's <c>MaxRequestBodySize</c> too). Every route is GET
    /// and reads nothing from a body; 1 KB leaves room for a client that sends a small one on another method.
    /// </summary>
    public const int MaxBodyBytes = 1024;

    /// <summary>
    /// The body rule, judged before routing and before the method: a body declared larger than
    /// <see cref="MaxBodyBytes"/> is 413 whatever the method or path; any other body on a GET or HEAD (a
    /// Content-Length above 0, or chunked) is 400; a chunked body on another method is read up to the limit to know
    /// its size (413 past it) and handed on. Nothing is read for a refusal, and the connection is closed after it,
    /// since the unread body is still on the wire.
    /// </summary>
    public static IApplicationBuilder UseBodyCheck(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if (request.ContentLength > MaxBodyBytes)
        {
            await Refuse(context, StatusCodes.Status413PayloadTooLarge, TooLarge);
            return;
        }

        if (!HasBody(context))
        {
            await next(context);
            return;
        }

        if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        {
            await Refuse(context, StatusCodes.Status400BadRequest, $"A {request.Method} request carries no body; send the parameters in the query string.");
            return;
        }

        if (request.ContentLength is null)
        {
            // Chunked: the size is known only by reading. At most the limit and one byte more are read and held. This
            // loop is the limit here: with the same 1,024 bytes, Kestrel refused a chunked body of exactly 1,024 bytes
            // on the first read, so its per-request limit is lifted for this one bounded read.
            var limit = context.Features.Get<IHttpMaxRequestBodySizeFeature>();
            if (limit is { IsReadOnly: false })
            {
                limit.MaxRequestBodySize = null;
            }

            var buffer = new byte[MaxBodyBytes + 1];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), context.RequestAborted)) > 0)
            {
                length += read;
            }

            if (length > MaxBodyBytes)
            {
                await Refuse(context, StatusCodes.Status413PayloadTooLarge, TooLarge);
                return;
            }

            request.Body = new MemoryStream(buffer, 0, length, writable: false);
        }

        await next(context);
    });

    /// <summary>The detail of every 413, this check's and Kestrel's own.</summary>
    public static readonly string TooLarge =
        $"The request body is larger than {MaxBodyBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes, the most this server accepts.";

    /// <summary>True when the request has a body to send: a Content-Length above 0, or chunked (Kestrel's own reading of the framing when it has one).</summary>
    private static bool HasBody(HttpContext context) =>
        context.Request.ContentLength > 0
        || context.Request.Headers.TransferEncoding.Count > 0
        || (context.Request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody == true);

    private static Task Refuse(HttpContext context, int status, string detail)
    {
        context.Response.Headers.Connection = "close";
        return Problems.Write(context, status, detail);
    }

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
