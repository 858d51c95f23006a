using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Ihec.Portal.Infrastructure.Operations;

/// <summary>
/// The portal's own instruments (meter and activity source <c>Ihec.Portal</c>): hub connections, chat messages stored,
/// tally-engine calls. The meter comes from <see cref="IMeterFactory"/>, so each host (and each test's host) has its own.
/// </summary>
public sealed class PortalMetrics
{
    public const string MeterName = "Ihec.Portal";
    public const string ActivitySourceName = "Ihec.Portal";

    /// <summary>Spans for tally-engine calls; exported when tracing is on, free otherwise.</summary>
    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    private readonly Counter<long> hubConnections;
    private readonly UpDownCounter<long> activeHubConnections;
    private readonly Counter<long> chatMessagesStored;
    private readonly Histogram<long> chatWriteBatch;
    private readonly Counter<long> tallyEngineCalls;
    private readonly Histogram<double> tallyEngineDuration;

    public PortalMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        hubConnections = meter.CreateCounter<long>("ihec.portal.hub.connections", "{connection}",
            "SignalR hub connections opened.");
        activeHubConnections = meter.CreateUpDownCounter<long>("ihec.portal.hub.active_connections", "{connection}",
            "SignalR hub connections open now on this instance.");
        chatMessagesStored = meter.CreateCounter<long>("ihec.portal.chat.messages_stored", "{message}",
            "Chat messages and private notes stored.");
        chatWriteBatch = meter.CreateHistogram<long>("ihec.portal.chat.write.batch", "{message}",
            "Chat messages per write transaction (group commit): above 1 when senders queued behind a write.");
        tallyEngineCalls = meter.CreateCounter<long>("ihec.portal.tally_engine.calls", "{call}",
            "Calls to the tally engine, by operation and outcome.");
        tallyEngineDuration = meter.CreateHistogram<double>("ihec.portal.tally_engine.call.duration", "s",
            "Duration of tally-engine calls, including retries.");
    }

    public void HubConnected(string hub)
    {
        var tag = new KeyValuePair<string, object?>("hub", hub);
        hubConnections.Add(1, tag);
        activeHubConnections.Add(1, tag);
    }

    public void HubDisconnected(string hub) =>
        activeHubConnections.Add(-1, new KeyValuePair<string, object?>("hub", hub));

    public void ChatMessageStored(string kind) =>
        chatMessagesStored.Add(1, new KeyValuePair<string, object?>("chat.message.kind", kind));

    public void ChatBatchWritten(int messages) => chatWriteBatch.Record(messages);

    public void TallyEngineCalled(string operation, string outcome, bool demo, TimeSpan duration)
    {
        var tags = new TagList
        {
            { "tally_engine.operation", operation },
            { "tally_engine.outcome", outcome },
            { "tally_engine.demo", demo },
        };
        tallyEngineCalls.Add(1, tags);
        tallyEngineDuration.Record(duration.TotalSeconds, tags);
    }
}
