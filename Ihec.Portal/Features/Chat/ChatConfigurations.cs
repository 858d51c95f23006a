using Ihec.Portal.Shared.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ihec.Portal.Features.Chat;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> c)
    {
        c.ToTable("ChatConversations");
        c.HasIndex(x => new { x.OrganisationId, x.UpdatedAt });
        c.HasIndex(x => new { x.State, x.UpdatedAt });
        c.Property(x => x.Topic).HasMaxLength(ChatOptions.MaxTopicLength);
        c.Property(x => x.Language).HasMaxLength(10);
        c.Property(x => x.State).HasConversion<string>().HasMaxLength(16);
        c.Property(x => x.StartedByUserId).HasMaxLength(450);
        c.Property(x => x.StartedByName).HasMaxLength(256);
        c.Property(x => x.AssignedToUserId).HasMaxLength(450);
        c.Property(x => x.AssignedToName).HasMaxLength(256);
        c.Property(x => x.LastSequence).IsConcurrencyToken();
        c.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        c.HasMany(x => x.Messages).WithOne().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ChatMessageConfiguration : IEntityTypeConfiguration<ChatMessage>
{
    public void Configure(EntityTypeBuilder<ChatMessage> m)
    {
        m.ToTable("ChatMessages");
        // One number per message in a conversation, whatever races the service loses.
        m.HasIndex(x => new { x.ConversationId, x.Sequence }).IsUnique();
        // A resent message (same sender, same client id) is the same message.
        m.HasIndex(x => new { x.ConversationId, x.AuthorUserId, x.ClientMessageId }).IsUnique();
        // The transcript search indexer tails the table in the order messages were stored (ChatSearchIndexer).
        m.HasIndex(x => x.CreatedAt);
        m.Property(x => x.ClientMessageId).HasMaxLength(ChatOptions.MaxClientMessageIdLength);
        m.Property(x => x.AuthorUserId).HasMaxLength(450);
        m.Property(x => x.AuthorName).HasMaxLength(256);
        m.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        m.Property(x => x.Text).HasMaxLength(ChatOptions.StoredTextLength);
        m.Property(x => x.AttachmentFileId).HasMaxLength(64);
        m.Property(x => x.AttachmentKind).HasConversion<string>().HasMaxLength(16);
        m.Property(x => x.AttachmentName).HasMaxLength(ChatOptions.MaxAttachmentNameLength);
    }
}

internal sealed class ChatReadMarkerConfiguration : IEntityTypeConfiguration<ChatReadMarker>
{
    public void Configure(EntityTypeBuilder<ChatReadMarker> r)
    {
        r.ToTable("ChatReadMarkers");
        r.HasKey(x => new { x.ConversationId, x.UserId });
        r.Property(x => x.UserId).HasMaxLength(450);
        r.HasOne<Conversation>().WithMany().HasForeignKey(x => x.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}
