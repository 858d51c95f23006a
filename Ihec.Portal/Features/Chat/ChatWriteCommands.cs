using System.Data;
using System.Data.Common;
using Ihec.Portal.Infrastructure.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Ihec.Portal.Features.Chat;

/// <summary>
/// The chat writer's two statements, built once from the EF model (table and column names, each column's type mapping
/// and value converter, so a row is stored exactly as EF would store it, on SQLite and on SQL Server) and kept on the
/// writer's open connection, where SQLite keeps them prepared: the <c>INSERT</c> of a message, and the <c>UPDATE</c>
/// that moves a conversation's <c>LastSequence</c> only from the number the writer read. Change tracking and query
/// translation were most of the cost of a chat message (bench/ChatLoad).
/// </summary>
internal sealed class ChatWriteCommands : IDisposable
{
    private readonly DbCommand insert;
    private readonly (IProperty Property, RelationalTypeMapping Mapping)[] columns;
    private readonly DbCommand move;
    private readonly RelationalTypeMapping idMapping;
    private readonly RelationalTypeMapping sequenceMapping;
    private readonly RelationalTypeMapping updatedMapping;
    private readonly RelationalTypeMapping stateMapping;

    public ChatWriteCommands(PortalDbContext db)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var connection = db.Database.GetDbConnection();

        var messageType = db.Model.FindEntityType(typeof(ChatMessage))!;
        var messageTable = StoreObjectIdentifier.Table(messageType.GetTableName()!, messageType.GetSchema());
        columns = messageType.GetProperties().Select(p => (p, p.GetRelationalTypeMapping())).ToArray();
        insert = connection.CreateCommand();
        insert.CommandText =
            $"INSERT INTO {sql.DelimitIdentifier(messageTable.Name, messageTable.Schema)} " +
            $"({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Property.GetColumnName(messageTable)!)))}) " +
            $"VALUES ({string.Join(", ", columns.Select((_, i) => "@p" + i))})";

        var conversationType = db.Model.FindEntityType(typeof(Conversation))!;
        var conversationTable = StoreObjectIdentifier.Table(conversationType.GetTableName()!, conversationType.GetSchema());
        string Column(string name) => sql.DelimitIdentifier(conversationType.FindProperty(name)!.GetColumnName(conversationTable)!);
        RelationalTypeMapping Mapping(string name) => conversationType.FindProperty(name)!.GetRelationalTypeMapping();
        idMapping = Mapping(nameof(Conversation.Id));
        sequenceMapping = Mapping(nameof(Conversation.LastSequence));
        updatedMapping = Mapping(nameof(Conversation.UpdatedAt));
        stateMapping = Mapping(nameof(Conversation.State));
        var state = Column(nameof(Conversation.State));
        var last = Column(nameof(Conversation.LastSequence));
        move = connection.CreateCommand();
        move.CommandText =
            $"UPDATE {sql.DelimitIdentifier(conversationTable.Name, conversationTable.Schema)} " +
            $"SET {last} = @last, {Column(nameof(Conversation.UpdatedAt))} = @updated, " +
            $"{state} = CASE WHEN {state} = @pending THEN @reopened ELSE {state} END " +
            $"WHERE {Column(nameof(Conversation.Id))} = @id AND {last} = @read";
    }

    /// <summary>The two statements' text, as this provider's SQL (the SQL Server one is parsed by <c>SqlServerScriptTests</c>).</summary>
    public IReadOnlyList<string> Statements => [insert.CommandText, move.CommandText];

    public async Task InsertAsync(ChatMessage message, DbTransaction transaction)
    {
        insert.Transaction = transaction;
        insert.Parameters.Clear();
        for (var i = 0; i < columns.Length; i++)
        {
            var (property, mapping) = columns[i];
            insert.Parameters.Add(mapping.CreateParameter(insert, "@p" + i, property.GetGetter().GetClrValue(message), property.IsNullable));
        }

        try
        {
            await insert.ExecuteNonQueryAsync();
        }
        catch (DbException exception)
        {
            // As SaveChanges reports it: the number or the client message id already taken (the unique indexes).
            throw new DbUpdateException($"Chat message {message.ConversationId}/{message.Sequence} could not be stored.", exception);
        }
    }

    /// <summary>Moves the conversation's last number from <paramref name="read"/> to <paramref name="last"/>; false when it was no longer <paramref name="read"/>.</summary>
    public async Task<bool> MoveAsync(Guid conversationId, long read, long last, DateTimeOffset updatedAt, bool reopen, DbTransaction transaction)
    {
        move.Transaction = transaction;
        move.Parameters.Clear();
        move.Parameters.Add(sequenceMapping.CreateParameter(move, "@last", last));
        move.Parameters.Add(updatedMapping.CreateParameter(move, "@updated", updatedAt));
        // A message from the organisation reopens what the media unit had left pending; the media unit's own does not.
        move.Parameters.Add(stateMapping.CreateParameter(move, "@pending", ConversationState.Pending));
        move.Parameters.Add(stateMapping.CreateParameter(move, "@reopened", reopen ? ConversationState.Open : ConversationState.Pending));
        move.Parameters.Add(idMapping.CreateParameter(move, "@id", conversationId));
        move.Parameters.Add(sequenceMapping.CreateParameter(move, "@read", read));
        return await move.ExecuteNonQueryAsync() == 1;
    }

    public void Dispose()
    {
        insert.Dispose();
        move.Dispose();
    }
}
