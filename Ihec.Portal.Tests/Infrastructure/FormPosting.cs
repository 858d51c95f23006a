using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Ihec.Portal.Tests.Infrastructure;

/// <summary>Posts static server-rendered Blazor forms the way a browser does: with the antiforgery token and form name.</summary>
public static class FormPosting
{
    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();
        return new HtmlParser().ParseDocument(html);
    }

    public static async Task<IHtmlDocument> ParseAsync(this HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

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
