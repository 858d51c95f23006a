using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Ihec.Portal.Infrastructure.Localisation;
using Microsoft.Extensions.Localization;

namespace Ihec.Portal.Features.Organisations;

/// <summary>
/// An expected failure: a resource key (in the module's text, e.g. <see cref="OrganisationsText"/>, else
/// <see cref="SharedText"/>) with its arguments, and the form field it belongs to (empty for the whole form).
/// </summary>
public sealed record FieldError(string Field, string Key, object[]? Args = null)
{
    public string Localise(IStringLocalizer module, IStringLocalizer<SharedText> shared)
    {
        var args = Args ?? [];
        var text = module.Message(Key, args);
        if (!text.ResourceNotFound)
        {
            return text.Value;
        }

        text = shared.Message(Key, args);
        return text.ResourceNotFound ? shared["Invalid"].Value : text.Value;
    }
}

/// <summary>The outcome of a use case: success, or the errors a page shows next to its fields.</summary>
public record Result(IReadOnlyList<FieldError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static Result Ok { get; } = new([]);

    public static Result Fail(string key, string field = "", params object[] args) => new([new FieldError(field, key, args)]);

    public static Result Fail(IEnumerable<FieldError> errors) => new(errors.ToList());
}

public sealed record Result<T>(T? Value, IReadOnlyList<FieldError> Errors) : Result(Errors)
{
    public static Result<T> Success(T value) => new(value, []);

    public static new Result<T> Fail(string key, string field = "", params object[] args) => new(default, [new FieldError(field, key, args)]);

    public static new Result<T> Fail(IEnumerable<FieldError> errors) => new(default, errors.ToList());
}

/// <summary>
/// The service's own check of a form model's validation attributes, whatever the page did. Returns the attributes'
/// message keys (they are in <see cref="SharedText"/>) with the arguments those messages format.
/// </summary>
public static class FormCheck
{
    public static List<FieldError> Validate(object model)
    {
        var errors = new List<FieldError>();
        foreach (var property in model.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var value = property.GetValue(model);
            var context = new ValidationContext(model) { MemberName = property.Name };
            foreach (var attribute in property.GetCustomAttributes<ValidationAttribute>())
            {
                if (attribute.GetValidationResult(value, context) is { } failure && failure != ValidationResult.Success)
                {
                    errors.Add(new FieldError(property.Name, attribute.ErrorMessage ?? "Invalid", Arguments(attribute)));
                    break;
                }
            }
        }

        return errors;
    }

    private static object[] Arguments(ValidationAttribute attribute) => attribute switch
    {
        MaxLengthAttribute max => [max.Length],
        StringLengthAttribute length => [length.MaximumLength, length.MinimumLength],
        MinLengthAttribute min => [min.Length],
        _ => [],
    };
}
