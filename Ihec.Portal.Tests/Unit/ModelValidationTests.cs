using System.ComponentModel.DataAnnotations;
using Ihec.Portal.Components.Shared;
using Ihec.Portal.Features.Accounts;
using Ihec.Portal.Infrastructure.Localisation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace Ihec.Portal.Tests.Unit;

public sealed class ModelValidationTests
{
    private static IStringLocalizer<SharedText> Text()
    {
        var services = new ServiceCollection().AddLogging().AddLocalization(o => o.ResourcesPath = "Resources").BuildServiceProvider();
        return services.GetRequiredService<IStringLocalizer<SharedText>>();
    }

    private sealed class Sample
    {
        [Required(ErrorMessage = "Required")]
        public string Name { get; set; } = "";

        [MaxLength(5, ErrorMessage = "TooLong")]
        public string Code { get; set; } = "";
    }

    [Theory]
    [InlineData("ar", "هذا الحقل مطلوب.")]
    [InlineData("ckb", "ئەم خانەیە پێویستە.")]
    [InlineData("en", "This field is required.")]
    public void Messages_are_resource_keys_shown_in_the_reader_language(string language, string expected)
    {
        using (Cultures.Use(language))
        {
            var problems = ModelValidation.Validate(new Sample { Code = "ok" }, Text());

            Assert.Equal(("Name", expected), Assert.Single(problems));
        }
    }

    [Fact]
    public void Limits_are_put_into_the_message()
    {
        using (Cultures.Use("en"))
        {
            var problems = ModelValidation.Validate(new Sample { Name = "x", Code = "toolong" }, Text());

            Assert.Equal("This is too long: at most 5 characters.", Assert.Single(problems).Message);
        }
    }

    [Fact]
    public void Cross_field_rules_run_once_fields_are_valid()
    {
        using (Cultures.Use("en"))
        {
            var problems = ModelValidation.Validate(new NewPasswordModel { Password = "Long-enough-1", ConfirmPassword = "Different-123" }, Text());

            Assert.Equal(("ConfirmPassword", "The two passwords do not match."), Assert.Single(problems));
        }
    }
}
