using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Ihec.Portal.Tests.Infrastructure;

/// <summary>Posts static server-rendered Blazor forms the way a browser does: with the antiforgery token and form name.</summary>
public static class FormPosting
{
    /// <summary>
    /// Loads and parses a page. The response must be a success (2xx) unless <paramref name="status"/> asks for another one,
    /// so that checks of what a page does not contain never pass on an error page.
    /// </summary>
    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url, HttpStatusCode? status = null) =>
        await (await client.GetAsync(url)).ParseAsync(status);

    /// <summary>Parses a response's page; like <see cref="GetDocumentAsync"/>, it must be a 2xx unless <paramref name="status"/> is given.</summary>
    public static async Task<IHtmlDocument> ParseAsync(this HttpResponseMessage response, HttpStatusCode? status = null)
    {
        var html = await response.Content.ReadAsStringAsync();
        var request = $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}";
        if (status is { } expected)
        {
            Assert.True(response.StatusCode == expected, $"{request} answered {(int)response.StatusCode}, expected {(int)expected}.");
        }
        else
        {
            Assert.True(response.IsSuccessStatusCode,
                $"{request} answered {(int)response.StatusCode} {response.RedirectPath()}, expected a 2xx (pass the status to expect another).");
        }

        return new HtmlParser().ParseDocument(html);
    }

    /// <summary>A form post that must succeed with a redirect; otherwise fails with the page's error summary, which says why.</summary>
    public static async Task AssertRedirectAsync(this HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var summary = (await response.ParseAsync(response.StatusCode)).QuerySelector("#error-summary")?.TextContent;
            Assert.Fail($"Expected a redirect, got {(int)response.StatusCode}: {summary}");
        }
    }

    /// <summary>Loads <paramref name="url"/>, finds the form whose <c>_handler</c> is <paramref name="formName"/>, and posts it with the given fields.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string url, string formName,
        IEnumerable<KeyValuePair<string, string>> fields, IEnumerable<(string Name, string FileName, byte[] Content)>? files = null)
        => await client.SubmitFormAsync(await client.GetDocumentAsync(url), url, formName, fields, files);

    /// <summary>Posts a form of a page already loaded (its hidden fields as they were rendered then).</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, IHtmlDocument document, string url, string formName,
        IEnumerable<KeyValuePair<string, string>> fields, IEnumerable<(string Name, string FileName, byte[] Content)>? files = null)
    {
        var form = document.Forms.FirstOrDefault(f =>
                       f.QuerySelector("input[name=_handler]")?.GetAttribute("value") == formName)
                   ?? throw new InvalidOperationException($"No form '{formName}' on {url}.");
        var values = new List<KeyValuePair<string, string>>();
        foreach (var hidden in form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>())
        {
            if (!fields.Any(f => f.Key == hidden.Name))
            {
                values.Add(new(hidden.Name!, hidden.Value));
            }
        }

        values.AddRange(fields);
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? url : form.GetAttribute("action")!;
        HttpContent content;
        if (files is null)
        {
            content = new FormUrlEncodedContent(values);
        }
        else
        {
            var multipart = new MultipartFormDataContent();
            foreach (var (key, value) in values)
            {
                multipart.Add(new StringContent(value), key);
            }

            foreach (var (name, fileName, bytes) in files)
            {
                multipart.Add(new ByteArrayContent(bytes), name, fileName);
            }

            content = multipart;
        }

        return await client.PostAsync(action, content);
    }

    /// <summary>Posts the sign-out form of the home page (its antiforgery token), with any extra fields.</summary>
    public static async Task<HttpResponseMessage> SignOutAsync(this HttpClient client, params KeyValuePair<string, string>[] extra)
    {
        var home = await client.GetDocumentAsync("/");
        var form = home.QuerySelector("form[action='/account/logout']") ?? throw new InvalidOperationException("No sign-out form.");
        var fields = form.QuerySelectorAll("input[type=hidden]")
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? ""))
            .Concat(extra);
        return await client.PostAsync("/account/logout", new FormUrlEncodedContent(fields));
    }
}
