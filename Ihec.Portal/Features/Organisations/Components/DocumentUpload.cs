using Microsoft.AspNetCore.Components.Forms;

namespace Ihec.Portal.Features.Organisations.Components;

/// <summary>
/// The upload step shared by the application and correction pages: a newly chosen file is checked and kept (its
/// protected token goes back into the form); a bad file is reported on the document field and an earlier kept one stays.
/// </summary>
internal static class DocumentUpload
{
    public const string InputName = "document";

    /// <summary>Returns the errors of the chosen file, if one was chosen; updates <paramref name="form"/>'s kept document.</summary>
    public static async Task<IReadOnlyList<FieldError>> HandleAsync(HttpContext context, OrganisationService organisations, ApplicationForm form)
    {
        if (!context.Request.HasFormContentType)
        {
            return [];
        }

        var file = (await context.Request.ReadFormAsync()).Files.GetFile(InputName);
        // Browsers send an empty part without a name when no file was chosen.
        if (file is null || (file.Length == 0 && string.IsNullOrEmpty(file.FileName)))
        {
            return [];
        }

        var kept = await organisations.KeepDocumentAsync(file, context.RequestAborted);
        if (!kept.Succeeded)
        {
            return kept.Errors;
        }

        form.KeptDocument = kept.Value!.Token;
        return [];
    }
}
