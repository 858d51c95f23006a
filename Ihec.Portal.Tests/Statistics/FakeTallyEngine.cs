using System.Collections.Concurrent;
using System.Text;
using Ihec.Portal.Features.Statistics;
using Ihec.Portal.Shared.Statistics;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Ihec.Portal.Tests.Statistics;

/// <summary>
/// A stand-in for IHEC's tally engine: a real Kestrel server on 127.0.0.1 serving the contract from the demo data set,
/// which a test can switch to fail in each of the ways the portal must survive.
/// </summary>
public sealed class FakeTallyEngine : IAsyncDisposable
{
    public const string ApiKey = "test-api-key";

    public enum Behaviour
    {
        Normal,
        /// <summary>Never answers.</summary>
        Timeout,
        ServerError,
        /// <summary>429 with Retry-After: 1.</summary>
        TooManyRequests,
        MalformedJson,
        /// <summary>Stations answer with station-result-broken.json (renamed to the station asked for); everything else is re-sent as new.</summary>
        BrokenStation,
        /// <summary>Results whose entity votes do not add up to the valid votes.</summary>
        BrokenResults,
    }

    /// <summary>
    /// The data served: the demo data set at a tenth of its size (a few thousand stations per election), so that the
    /// scenarios, which page through and store every station, stay quick.
    /// </summary>
    public static readonly DemoTallyData Data = new(divisor: 10);

    private WebApplication? app;

    public volatile Behaviour Mode = Behaviour.Normal;

    public ConcurrentQueue<(DateTimeOffset At, string Path, string? IfNoneMatch, string? ApiKey, int Status)> Requests { get; } = new();

    public string BaseUrl { get; private set; } = "";

    /// <summary>Whether <c>/centres</c> serves a registry (else 404, an engine without one).</summary>
    public volatile bool HasRegistry = true;

    /// <summary>The centre registry served for every election instead of the election's own, with <see cref="CentresETag"/>.</summary>
    public volatile IReadOnlyList<PollingCentre>? Centres;

    public volatile string CentresETag = "\"c1\"";

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.Use(async (context, next) =>
        {
            await next();
            Requests.Enqueue((DateTimeOffset.UtcNow, context.Request.Path + context.Request.QueryString, context.Request.Headers.IfNoneMatch.ToString() is { Length: > 0 } e ? e : null,
                context.Request.Headers["X-Api-Key"].ToString(), context.Response.StatusCode));
        });
        app.MapGet("/api/v1/{**path}", HandleAsync);
        await app.StartAsync();
        BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    private async Task HandleAsync(HttpContext context, string path)
    {
        if (context.Request.Headers["X-Api-Key"] != ApiKey)
        {
            await Error(context, 401, "unauthorised");
            return;
        }

        switch (Mode)
        {
            case Behaviour.Timeout:
                try
                {
                    await Task.Delay(Timeout.Infinite, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                }

                return;
            case Behaviour.ServerError:
                await Error(context, 500, "internal");
                return;
            case Behaviour.TooManyRequests:
                context.Response.Headers.RetryAfter = "1";
                await Error(context, 429, "slow down");
                return;
            case Behaviour.MalformedJson:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{ \"electionId\": \"cor-2025\", \"asOf\": ");
                return;
        }

        var parts = path.Split('/');
        if (parts is ["elections", var election, "centres"])
        {
            await CentresAsync(context, election);
            return;
        }

        var data = Data;
        object? payload = parts switch
        {
            ["elections"] => data.Elections,
            ["elections", var id, "registration"] => data.For(id)?.Registration,
            ["elections", var id, "turnout"] => data.For(id)?.Turnout,
            ["elections", var id, "entities"] => data.For(id)?.Entities,
            ["elections", var id, "results"] => Results(data.For(id)?.Results),
            ["elections", var id, "stations"] => Stations(data.For(id), context.Request.Query),
            ["elections", var id, "stations", var code] => Station(data.For(id), code),
            _ => null,
        };
        if (payload is null)
        {
            await Error(context, 404, "not found");
            return;
        }

        if (payload is string raw)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(raw);
            return;
        }

        // A new version of everything while the broken station is served, so the portal re-reads and re-checks it all.
        var etag = Mode is Behaviour.BrokenStation or Behaviour.BrokenResults ? "\"v2\"" : "\"v1\"";
        if (context.Request.Headers.IfNoneMatch == etag)
        {
            context.Response.StatusCode = 304;
            return;
        }

        context.Response.Headers.ETag = etag;
        context.Response.ContentType = "application/json; charset=utf-8";
        // An extra field the portal must ignore.
        var json = TallyJson.Write(payload);
        await context.Response.WriteAsync(json.StartsWith('{') ? "{\"engineVersion\":\"9.9\"," + json[1..] : json, Encoding.UTF8);
    }

    private async Task CentresAsync(HttpContext context, string election)
    {
        if (!HasRegistry || (Centres ?? Data.For(election)?.Centres) is not { } centres)
        {
            await Error(context, 404, "no registry");
            return;
        }

        var etag = CentresETag;
        if (context.Request.Headers.IfNoneMatch == etag)
        {
            context.Response.StatusCode = 304;
            return;
        }

        var page = int.Parse(context.Request.Query["page"].ToString());
        var size = int.Parse(context.Request.Query["pageSize"].ToString());
        context.Response.Headers.ETag = etag;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(TallyJson.Write(new CentrePage
        {
            Page = page, PageSize = size, Total = centres.Count, Items = centres.Skip((page - 1) * size).Take(size).ToList(),
        }), Encoding.UTF8);
    }

    private object? Results(ResultsReport? results)
    {
        if (results is null || Mode != Behaviour.BrokenResults)
        {
            return results;
        }

        var first = results.ByGovernorate[0];
        return results with { ByGovernorate = [first with { ValidVotes = first.ValidVotes + 1 }, .. results.ByGovernorate.Skip(1)] };
    }

    private object? Stations(DemoTallyData.ElectionData? election, IQueryCollection query)
    {
        if (election is null)
        {
            return null;
        }

        var page = int.Parse(query["page"].ToString() is { Length: > 0 } p ? p : "1");
        var size = int.Parse(query["pageSize"].ToString() is { Length: > 0 } s ? s : "500");
        var governorate = query["governorate"].ToString() is { Length: > 0 } g ? g : null;
        var stations = election.Stations.Where(st => governorate is null || st.Governorate == governorate).ToList();
        var items = stations.Skip((page - 1) * size).Take(size)
            .Select(st => Mode == Behaviour.BrokenStation && st.StationCode == "110203-04" ? BrokenStation(st.StationCode) : st).ToList();
        return new StationPage { Page = page, PageSize = size, Total = stations.Count, Items = items };
    }

    private object? Station(DemoTallyData.ElectionData? election, string code)
    {
        if (election is null || !election.StationsByCode.ContainsKey(code))
        {
            return null;
        }

        return Mode == Behaviour.BrokenStation ? BrokenStation(code) : election.StationsByCode[code];
    }

    private static StationResult BrokenStation(string code) =>
        TallyJson.Parse<StationResult>(TallyContractTests.Sample("station-result-broken.json")
            .Replace("110203-05", code).Replace("\"110203\"", "\"" + code[..6] + "\"")) with { Office = "IQ-BG-RUSAFA" };

    private static Task Error(HttpContext context, int status, string error)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new { error, detail = "fake engine" });
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}

/// <summary>A portal in Http mode against its own <see cref="FakeTallyEngine"/>, which starts and stops with the fixture.</summary>
public abstract class FakeEnginePortalFactory : PortalFactory, IAsyncLifetime
{
    public FakeTallyEngine Engine { get; } = new();

    /// <summary>Settings for this fixture on top of <see cref="Settings"/>' Http-mode ones.</summary>
    protected abstract IDictionary<string, string?> EngineSettings { get; }

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["TallyEngine:Mode"] = "Http",
                ["TallyEngine:BaseUrl"] = Engine.BaseUrl,
                ["TallyEngine:ApiKey"] = FakeTallyEngine.ApiKey,
                ["TallyEngine:RefreshInBackground"] = "false",
                // Long enough for a cold start on a busy machine, short enough for the timeout scenario.
                ["TallyEngine:AttemptTimeout"] = "00:00:02",
                ["TallyEngine:TotalTimeout"] = "00:00:06",
                ["TallyEngine:MaxRetries"] = "1",
            };
            foreach (var (key, value) in EngineSettings)
            {
                settings[key] = value;
            }

            return settings;
        }
    }

    public Task RefreshAsync() => Services.GetRequiredService<TallyRefresher>().RefreshAllAsync();

    public virtual Task InitializeAsync() => Engine.StartAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        await Engine.DisposeAsync();
        await base.DisposeAsync();
    }
}
