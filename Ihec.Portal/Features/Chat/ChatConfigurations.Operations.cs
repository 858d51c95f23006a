using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ihec.Portal.Features.Chat;

internal sealed class CannedResponseConfiguration : IEntityTypeConfiguration<CannedResponse>
{
    public void Configure(EntityTypeBuilder<CannedResponse> c)
    {
        c.ToTable("ChatCannedResponses");
        c.HasIndex(x => x.Title);
        c.Property(x => x.Title).HasMaxLength(CannedResponseForm.MaxTitleLength);
        c.Property(x => x.TextAr).HasMaxLength(CannedResponseForm.MaxTextLength);
        c.Property(x => x.TextCkb).HasMaxLength(CannedResponseForm.MaxTextLength);
        c.Property(x => x.TextEn).HasMaxLength(CannedResponseForm.MaxTextLength);
        c.Property(x => x.UpdatedByName).HasMaxLength(256);
    }
}

internal sealed class ChatRatingConfiguration : IEntityTypeConfiguration<ChatRating>
{
    public void Configure(EntityTypeBuilder<ChatRating> r)
    {
        r.ToTable("ChatRatings");
        r.HasKey(x => x.ConversationId);
        r.Property(x => x.Comment).HasMaxLength(RatingForm.MaxCommentLength);
        r.Property(x => x.UserId).HasMaxLength(450);
        r.Property(x => x.UserName).HasMaxLength(256);
        r.HasOne<Conversation>().WithOne().HasForeignKey<ChatRating>(x => x.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}
