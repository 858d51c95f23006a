using System.ComponentModel.DataAnnotations;
using System.Linq.Expressions;
using Bunit;
using Ihec.Portal.Components.Shared;
using Ihec.Portal.Tests.Infrastructure;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace Ihec.Portal.Tests.Components;

public sealed class PortalValidatorTests : IDisposable
{
    private readonly BunitContext context = new();

    public PortalValidatorTests() => context.Services.AddLocalization(o => o.ResourcesPath = "Resources");

    [Theory]
    [InlineData("ar")]
    [InlineData("ckb")]
    [InlineData("en")]
    public async Task Shows_each_field_message_from_the_resources_in_the_reader_language(string language)
    {
        using var _ = ResourceText.UseLanguage(language);
        var form = new SampleForm { Name = "", Code = "ABCDEFG", Email = "not an address" };
        var (cut, editContext) = Render(form);

        await cut.InvokeAsync(() => editContext.Validate());

        Assert.Equal(ResourceText.Get("SharedText", language, "Required"), MessageFor(cut, "name"));
        Assert.Equal(ResourceText.Counted("SharedText", language, "TooLong", 5), MessageFor(cut, "code"));
        Assert.Equal(ResourceText.Get("SharedText", language, "EmailInvalid"), MessageFor(cut, "email"));
    }

    [Fact]
    public async Task English_messages_read_as_written_and_fill_in_the_attribute_limits()
    {
        using var _ = ResourceText.UseLanguage("en");
        var (cut, editContext) = Render(new SampleForm { Name = "", Code = "ABCDEFG", Email = "a@b.example" });

        await cut.InvokeAsync(() => editContext.Validate());

        Assert.Equal("This field is required.", MessageFor(cut, "name"));
        Assert.Equal("This is too long: at most 5 characters.", MessageFor(cut, "code"));
        Assert.Equal("", MessageFor(cut, "email"));
    }

    [Fact]
    public async Task Correcting_a_field_clears_its_message_and_leaves_the_others()
    {
        using var _ = ResourceText.UseLanguage("ar");
        var form = new SampleForm { Name = "", Code = "ABCDEFG", Email = "a@b.example" };
        var (cut, editContext) = Render(form);
        await cut.InvokeAsync(() => editContext.Validate());

        form.Name = "شبكة تموز";
        await cut.InvokeAsync(() => editContext.NotifyFieldChanged(editContext.Field(nameof(SampleForm.Name))));

        Assert.Equal("", MessageFor(cut, "name"));
        Assert.Equal(ResourceText.Counted("SharedText", "ar", "TooLong", 5), MessageFor(cut, "code"));
    }

    [Fact]
    public async Task Cross_field_rules_run_once_fields_are_valid_and_an_unknown_key_shows_the_generic_message()
    {
        using var _ = ResourceText.UseLanguage("ckb");
        var form = new SampleForm { Name = "x", Code = "A", Email = "a@b.example", FailCrossFieldRule = true };
        var (cut, editContext) = Render(form);

        await cut.InvokeAsync(() => editContext.Validate());

        Assert.Equal(ResourceText.Get("SharedText", "ckb", "Invalid"), MessageFor(cut, "code"));
        Assert.Equal("", MessageFor(cut, "name"));
    }

    [Fact]
    public async Task A_valid_form_has_no_messages()
    {
        using var _ = ResourceText.UseLanguage("en");
        var (cut, editContext) = Render(new SampleForm { Name = "x", Code = "A", Email = "a@b.example" });

        var valid = await cut.InvokeAsync(() => editContext.Validate());

        Assert.True(valid);
        Assert.Empty(cut.FindAll(".validation-message"));
    }

    public void Dispose() => context.Dispose();

    private (IRenderedComponent<IComponent> Cut, EditContext EditContext) Render(SampleForm form)
    {
        var editContext = new EditContext(form);
        RenderFragment fields = b =>
        {
            b.OpenComponent<PortalValidator>(0);
            b.CloseComponent();
            b.AddContent(1, Message("name", () => form.Name));
            b.AddContent(2, Message("code", () => form.Code));
            b.AddContent(3, Message("email", () => form.Email));
        };
        var cut = context.Render(b =>
        {
            b.OpenComponent<CascadingValue<EditContext>>(0);
            b.AddAttribute(1, nameof(CascadingValue<EditContext>.Value), editContext);
            b.AddAttribute(2, nameof(CascadingValue<EditContext>.IsFixed), true);
            b.AddAttribute(3, nameof(CascadingValue<EditContext>.ChildContent), fields);
            b.CloseComponent();
        });
        return (cut, editContext);
    }

    private static RenderFragment Message(string id, Expression<Func<string>> field) => b =>
    {
        b.OpenElement(0, "div");
        b.AddAttribute(1, "id", id + "-error");
        b.OpenComponent<ValidationMessage<string>>(2);
        b.AddAttribute(3, nameof(ValidationMessage<string>.For), field);
        b.CloseComponent();
        b.CloseElement();
    };

    private static string MessageFor(IRenderedComponent<IComponent> cut, string id) =>
        string.Join(" | ", cut.FindAll($"#{id}-error .validation-message").Select(m => m.TextContent.Trim()));

    private sealed class SampleForm : IValidatableObject
    {
        [Required(ErrorMessage = "Required")]
        public string Name { get; set; } = "";

        [MaxLength(5, ErrorMessage = "TooLong")]
        public string Code { get; set; } = "";

        [EmailAddress(ErrorMessage = "EmailInvalid")]
        public string Email { get; set; } = "";

        public bool FailCrossFieldRule { get; set; }

        public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
        {
            if (FailCrossFieldRule)
            {
                yield return new ValidationResult("NoSuchKeyInTheResources", [nameof(Code)]);
            }
        }
    }
}
