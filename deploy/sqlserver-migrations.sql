IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [Announcements] (
        [Id] uniqueidentifier NOT NULL,
        [Number] int NOT NULL,
        [Title] nvarchar(200) NOT NULL,
        [Body] nvarchar(max) NOT NULL,
        [Language] nvarchar(10) NOT NULL,
        [Importance] nvarchar(16) NOT NULL,
        [Audience] nvarchar(16) NOT NULL,
        [Governorates] nvarchar(max) NOT NULL,
        [SentAt] datetimeoffset NOT NULL,
        [SentByUserId] nvarchar(450) NOT NULL,
        [SentByName] nvarchar(256) NOT NULL,
        [SubmissionKey] nvarchar(64) NOT NULL,
        [MemberCount] int NOT NULL,
        [EmailMembers] bit NOT NULL,
        [EmailedAt] datetimeoffset NULL,
        [IsDemo] bit NOT NULL,
        CONSTRAINT [PK_Announcements] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [AspNetRoles] (
        [Id] nvarchar(450) NOT NULL,
        [Name] nvarchar(256) NULL,
        [NormalizedName] nvarchar(256) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoles] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [AspNetUsers] (
        [Id] nvarchar(450) NOT NULL,
        [DisplayName] nvarchar(200) NOT NULL,
        [OrganisationId] uniqueidentifier NULL,
        [PreferredCulture] nvarchar(10) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [IsDemo] bit NOT NULL,
        [IsDeactivated] bit NOT NULL,
        [UserName] nvarchar(256) NULL,
        [NormalizedUserName] nvarchar(256) NULL,
        [Email] nvarchar(256) NULL,
        [NormalizedEmail] nvarchar(256) NULL,
        [EmailConfirmed] bit NOT NULL,
        [PasswordHash] nvarchar(max) NULL,
        [SecurityStamp] nvarchar(max) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        [PhoneNumber] nvarchar(max) NULL,
        [PhoneNumberConfirmed] bit NOT NULL,
        [TwoFactorEnabled] bit NOT NULL,
        [LockoutEnd] datetimeoffset NULL,
        [LockoutEnabled] bit NOT NULL,
        [AccessFailedCount] int NOT NULL,
        CONSTRAINT [PK_AspNetUsers] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [AuditEntries] (
        [Id] bigint NOT NULL IDENTITY,
        [At] datetimeoffset NOT NULL,
        [ActorUserId] nvarchar(450) NULL,
        [ActorName] nvarchar(256) NOT NULL,
        [Action] nvarchar(100) NOT NULL,
        [EntityType] nvarchar(100) NOT NULL,
        [EntityId] nvarchar(100) NULL,
        [Details] nvarchar(4000) NULL,
        [IpAddress] nvarchar(64) NULL,
        [OrganisationId] uniqueidentifier NULL,
        CONSTRAINT [PK_AuditEntries] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [ChatCannedResponses] (
        [Id] uniqueidentifier NOT NULL,
        [Title] nvarchar(100) NOT NULL,
        [TextAr] nvarchar(max) NOT NULL,
        [TextCkb] nvarchar(max) NOT NULL,
        [TextEn] nvarchar(max) NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [UpdatedByName] nvarchar(256) NOT NULL,
        CONSTRAINT [PK_ChatCannedResponses] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [DataQualityAlert] (
        [Id] bigint NOT NULL IDENTITY,
        [Kind] nvarchar(32) NOT NULL,
        [Source] nvarchar(32) NOT NULL,
        [ElectionId] nvarchar(64) NOT NULL,
        [Subject] nvarchar(64) NULL,
        [RaisedAt] datetimeoffset NOT NULL,
        [LastSeenAt] datetimeoffset NOT NULL,
        [Occurrences] int NOT NULL,
        [ResolvedAt] datetimeoffset NULL,
        [ViolationsJson] nvarchar(max) NULL,
        [Detail] nvarchar(4000) NULL,
        [HttpStatus] int NULL,
        CONSTRAINT [PK_DataQualityAlert] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [LibraryDocuments] (
        [Id] uniqueidentifier NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [Year] int NOT NULL,
        [Number] nvarchar(20) NOT NULL,
        [SessionNumber] int NULL,
        [SessionDate] date NULL,
        [EffectiveDate] date NULL,
        [Status] nvarchar(16) NOT NULL,
        [Election] nvarchar(32) NULL,
        [Topics] nvarchar(max) NOT NULL,
        [TitleAr] nvarchar(500) NOT NULL,
        [SummaryAr] nvarchar(2000) NULL,
        [BodyAr] nvarchar(max) NOT NULL,
        [TitleCkb] nvarchar(500) NULL,
        [SummaryCkb] nvarchar(2000) NULL,
        [BodyCkb] nvarchar(max) NULL,
        [TitleEn] nvarchar(500) NULL,
        [SummaryEn] nvarchar(2000) NULL,
        [BodyEn] nvarchar(max) NULL,
        [IsPublished] bit NOT NULL,
        [FirstPublishedAt] datetimeoffset NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [CurrentVersion] int NOT NULL,
        [IsDemo] bit NOT NULL,
        CONSTRAINT [PK_LibraryDocuments] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [Organisations] (
        [Id] uniqueidentifier NOT NULL,
        [Reference] nvarchar(32) NOT NULL,
        [NameAr] nvarchar(300) NOT NULL,
        [NameCkb] nvarchar(300) NOT NULL,
        [NameEn] nvarchar(300) NOT NULL,
        [RegistrationNumber] nvarchar(64) NOT NULL,
        [Governorates] nvarchar(max) NOT NULL,
        [FocusAreas] nvarchar(max) NOT NULL,
        [ContactName] nvarchar(200) NOT NULL,
        [ContactEmail] nvarchar(256) NOT NULL,
        [ContactPhone] nvarchar(32) NOT NULL,
        [PreferredCulture] nvarchar(10) NOT NULL,
        [DescriptionAr] nvarchar(4000) NULL,
        [DescriptionCkb] nvarchar(4000) NULL,
        [DescriptionEn] nvarchar(4000) NULL,
        [Website] nvarchar(300) NULL,
        [PublicEmail] nvarchar(256) NULL,
        [Status] nvarchar(32) NOT NULL,
        [StatusReason] nvarchar(2000) NULL,
        [AppliedAt] datetimeoffset NOT NULL,
        [DecidedAt] datetimeoffset NULL,
        [AccreditedAt] datetimeoffset NULL,
        [DocumentFileId] nvarchar(100) NULL,
        [DocumentFileName] nvarchar(260) NULL,
        [DocumentContentType] nvarchar(100) NULL,
        [IsDemo] bit NOT NULL,
        CONSTRAINT [PK_Organisations] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [ResultsTapeRecord] (
        [Id] uniqueidentifier NOT NULL,
        [OrganisationId] uniqueidentifier NOT NULL,
        [SubmittedByUserId] nvarchar(450) NOT NULL,
        [SubmittedByName] nvarchar(256) NOT NULL,
        [SubmittedAt] datetimeoffset NOT NULL,
        [ClientKey] nvarchar(64) NOT NULL,
        [ElectionId] nvarchar(64) NOT NULL,
        [StationCode] nvarchar(16) NOT NULL,
        [Governorate] nvarchar(16) NULL,
        [Office] nvarchar(32) NULL,
        [RegisteredVoters] bigint NULL,
        [BallotsCast] bigint NOT NULL,
        [ValidVotes] bigint NOT NULL,
        [InvalidVotes] bigint NOT NULL,
        [EntitiesJson] nvarchar(max) NOT NULL,
        [Status] nvarchar(32) NOT NULL,
        [DifferencesJson] nvarchar(max) NOT NULL,
        [DifferenceCount] int NOT NULL,
        [ComparedAt] datetimeoffset NULL,
        [EngineTransmittedAt] datetimeoffset NULL,
        [ComparedWithStoredResult] bit NOT NULL,
        [Source] nvarchar(16) NOT NULL,
        [Note] nvarchar(1000) NULL,
        CONSTRAINT [PK_ResultsTapeRecord] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [RumourCases] (
        [Id] uniqueidentifier NOT NULL,
        [Number] int NOT NULL,
        [Summary] nvarchar(4000) NOT NULL,
        [Language] nvarchar(10) NOT NULL,
        [Status] nvarchar(16) NOT NULL,
        [Verdict] nvarchar(16) NULL,
        [VerdictReason] nvarchar(2000) NULL,
        [AssignedToUserId] nvarchar(450) NULL,
        [AssignedToName] nvarchar(256) NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [RespondedAt] datetimeoffset NULL,
        [Version] uniqueidentifier NOT NULL,
        [IsDemo] bit NOT NULL,
        CONSTRAINT [PK_RumourCases] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [StoredStationResult] (
        [Id] bigint NOT NULL IDENTITY,
        [ElectionId] nvarchar(64) NOT NULL,
        [StationCode] nvarchar(16) NOT NULL,
        [Governorate] nvarchar(16) NOT NULL,
        [Office] nvarchar(32) NULL,
        [Json] nvarchar(max) NOT NULL,
        [StoredAt] datetimeoffset NOT NULL,
        [IsDemo] bit NOT NULL,
        CONSTRAINT [PK_StoredStationResult] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [TallySnapshot] (
        [Id] bigint NOT NULL IDENTITY,
        [Kind] nvarchar(32) NOT NULL,
        [ElectionId] nvarchar(64) NOT NULL,
        [Json] nvarchar(max) NOT NULL,
        [ETag] nvarchar(256) NULL,
        [AsOf] datetimeoffset NOT NULL,
        [StoredAt] datetimeoffset NOT NULL,
        [CheckedAt] datetimeoffset NOT NULL,
        [FailedAt] datetimeoffset NULL,
        [IsDemo] bit NOT NULL,
        CONSTRAINT [PK_TallySnapshot] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [ViolationReports] (
        [Id] uniqueidentifier NOT NULL,
        [Number] int NOT NULL,
        [OrganisationId] uniqueidentifier NOT NULL,
        [ReporterUserId] nvarchar(450) NOT NULL,
        [ReporterName] nvarchar(256) NOT NULL,
        [Category] nvarchar(32) NOT NULL,
        [ElectionId] nvarchar(64) NOT NULL,
        [OccurredAt] datetimeoffset NOT NULL,
        [Governorate] nvarchar(8) NOT NULL,
        [District] nvarchar(100) NOT NULL,
        [PollingStationCode] nvarchar(20) NULL,
        [Latitude] float NOT NULL,
        [Longitude] float NOT NULL,
        [PinGovernorate] nvarchar(8) NULL,
        [GovernorateMismatch] bit NOT NULL,
        [Description] nvarchar(4000) NOT NULL,
        [PeopleInvolved] nvarchar(1000) NULL,
        [Witnessed] bit NOT NULL,
        [PublicConsent] bit NOT NULL,
        [State] nvarchar(20) NOT NULL,
        [StateReason] nvarchar(2000) NULL,
        [AssignedToUserId] nvarchar(450) NULL,
        [AssignedToName] nvarchar(256) NULL,
        [DuplicateOfId] uniqueidentifier NULL,
        [SubmittedAt] datetimeoffset NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [ChangedForReporterAt] datetimeoffset NULL,
        [SubmissionKey] nvarchar(32) NOT NULL,
        [Version] uniqueidentifier NOT NULL,
        [IsDemo] bit NOT NULL,
        CONSTRAINT [PK_ViolationReports] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ViolationReports_ViolationReports_DuplicateOfId] FOREIGN KEY ([DuplicateOfId]) REFERENCES [ViolationReports] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [AspNetRoleClaims] (
        [Id] int NOT NULL IDENTITY,
        [RoleId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoleClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetRoleClaims_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [AnnouncementReads] (
        [AnnouncementId] uniqueidentifier NOT NULL,
        [UserId] nvarchar(450) NOT NULL,
        [OrganisationId] uniqueidentifier NOT NULL,
        [ReadAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_AnnouncementReads] PRIMARY KEY ([AnnouncementId], [UserId]),
        CONSTRAINT [FK_AnnouncementReads_Announcements_AnnouncementId] FOREIGN KEY ([AnnouncementId]) REFERENCES [Announcements] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_AnnouncementReads_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserClaims] (
        [Id] int NOT NULL IDENTITY,
        [UserId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetUserClaims_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserLogins] (
        [LoginProvider] nvarchar(450) NOT NULL,
        [ProviderKey] nvarchar(450) NOT NULL,
        [ProviderDisplayName] nvarchar(max) NULL,
        [UserId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserLogins] PRIMARY KEY ([LoginProvider], [ProviderKey]),
        CONSTRAINT [FK_AspNetUserLogins_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserRoles] (
        [UserId] nvarchar(450) NOT NULL,
        [RoleId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserRoles] PRIMARY KEY ([UserId], [RoleId]),
        CONSTRAINT [FK_AspNetUserRoles_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_AspNetUserRoles_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserTokens] (
        [UserId] nvarchar(450) NOT NULL,
        [LoginProvider] nvarchar(450) NOT NULL,
        [Name] nvarchar(450) NOT NULL,
        [Value] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserTokens] PRIMARY KEY ([UserId], [LoginProvider], [Name]),
        CONSTRAINT [FK_AspNetUserTokens_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [LibraryAttachments] (
        [Id] uniqueidentifier NOT NULL,
        [DocumentId] uniqueidentifier NOT NULL,
        [FileId] nvarchar(100) NOT NULL,
        [FileKind] nvarchar(16) NOT NULL,
        [Length] bigint NOT NULL,
        [FileName] nvarchar(260) NOT NULL,
        [Language] nvarchar(10) NOT NULL,
        [AddedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_LibraryAttachments] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_LibraryAttachments_LibraryDocuments_DocumentId] FOREIGN KEY ([DocumentId]) REFERENCES [LibraryDocuments] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [LibraryMilestones] (
        [Id] uniqueidentifier NOT NULL,
        [DocumentId] uniqueidentifier NOT NULL,
        [Date] date NOT NULL,
        [EndDate] date NULL,
        [TitleAr] nvarchar(300) NOT NULL,
        [TitleCkb] nvarchar(300) NULL,
        [TitleEn] nvarchar(300) NULL,
        CONSTRAINT [PK_LibraryMilestones] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_LibraryMilestones_LibraryDocuments_DocumentId] FOREIGN KEY ([DocumentId]) REFERENCES [LibraryDocuments] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [LibraryRelations] (
        [Id] uniqueidentifier NOT NULL,
        [FromDocumentId] uniqueidentifier NOT NULL,
        [ToDocumentId] uniqueidentifier NOT NULL,
        [Kind] nvarchar(16) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_LibraryRelations] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_LibraryRelations_LibraryDocuments_FromDocumentId] FOREIGN KEY ([FromDocumentId]) REFERENCES [LibraryDocuments] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_LibraryRelations_LibraryDocuments_ToDocumentId] FOREIGN KEY ([ToDocumentId]) REFERENCES [LibraryDocuments] ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [LibraryVersions] (
        [Id] uniqueidentifier NOT NULL,
        [DocumentId] uniqueidentifier NOT NULL,
        [VersionNumber] int NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [CreatedBy] nvarchar(256) NOT NULL,
        [ChangeNote] nvarchar(1000) NULL,
        [PublishedAt] datetimeoffset NULL,
        [Kind] nvarchar(32) NOT NULL,
        [Year] int NOT NULL,
        [Number] nvarchar(20) NOT NULL,
        [SessionNumber] int NULL,
        [SessionDate] date NULL,
        [EffectiveDate] date NULL,
        [Status] nvarchar(16) NOT NULL,
        [Election] nvarchar(32) NULL,
        [Topics] nvarchar(max) NOT NULL,
        [TitleAr] nvarchar(500) NOT NULL,
        [SummaryAr] nvarchar(2000) NULL,
        [BodyAr] nvarchar(max) NOT NULL,
        [TitleCkb] nvarchar(500) NULL,
        [SummaryCkb] nvarchar(2000) NULL,
        [BodyCkb] nvarchar(max) NULL,
        [TitleEn] nvarchar(500) NULL,
        [SummaryEn] nvarchar(2000) NULL,
        [BodyEn] nvarchar(max) NULL,
        CONSTRAINT [PK_LibraryVersions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_LibraryVersions_LibraryDocuments_DocumentId] FOREIGN KEY ([DocumentId]) REFERENCES [LibraryDocuments] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [AnnouncementRecipients] (
        [AnnouncementId] uniqueidentifier NOT NULL,
        [OrganisationId] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_AnnouncementRecipients] PRIMARY KEY ([AnnouncementId], [OrganisationId]),
        CONSTRAINT [FK_AnnouncementRecipients_Announcements_AnnouncementId] FOREIGN KEY ([AnnouncementId]) REFERENCES [Announcements] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_AnnouncementRecipients_Organisations_OrganisationId] FOREIGN KEY ([OrganisationId]) REFERENCES [Organisations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [ChatConversations] (
        [Id] uniqueidentifier NOT NULL,
        [OrganisationId] uniqueidentifier NOT NULL,
        [Topic] nvarchar(200) NOT NULL,
        [Language] nvarchar(10) NOT NULL,
        [State] nvarchar(16) NOT NULL,
        [StartedByUserId] nvarchar(450) NOT NULL,
        [StartedByName] nvarchar(256) NOT NULL,
        [AssignedToUserId] nvarchar(450) NULL,
        [AssignedToName] nvarchar(256) NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [LastSequence] bigint NOT NULL,
        CONSTRAINT [PK_ChatConversations] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ChatConversations_Organisations_OrganisationId] FOREIGN KEY ([OrganisationId]) REFERENCES [Organisations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [CsoReports] (
        [Id] uniqueidentifier NOT NULL,
        [OrganisationId] uniqueidentifier NOT NULL,
        [Slug] nvarchar(20) NOT NULL,
        [Title] nvarchar(300) NOT NULL,
        [Summary] nvarchar(2000) NULL,
        [Body] nvarchar(max) NOT NULL,
        [Language] nvarchar(10) NOT NULL,
        [Topics] nvarchar(max) NOT NULL,
        [Governorates] nvarchar(max) NOT NULL,
        [Election] nvarchar(32) NULL,
        [PeriodFrom] date NULL,
        [PeriodTo] date NULL,
        [State] nvarchar(16) NOT NULL,
        [Listing] nvarchar(16) NOT NULL,
        [DeclineReason] nvarchar(2000) NULL,
        [WithdrawalReason] nvarchar(2000) NULL,
        [AuthorUserId] nvarchar(450) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [PublishedAt] datetimeoffset NULL,
        [ListingRequestedAt] datetimeoffset NULL,
        [EndorsedAt] datetimeoffset NULL,
        [WithdrawnAt] datetimeoffset NULL,
        [CurrentVersion] int NOT NULL,
        [IsDemo] bit NOT NULL,
        CONSTRAINT [PK_CsoReports] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CsoReports_Organisations_OrganisationId] FOREIGN KEY ([OrganisationId]) REFERENCES [Organisations] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [OrganisationSubmissions] (
        [Key] nvarchar(64) NOT NULL,
        [OrganisationId] uniqueidentifier NOT NULL,
        [At] datetimeoffset NOT NULL,
        CONSTRAINT [PK_OrganisationSubmissions] PRIMARY KEY ([Key]),
        CONSTRAINT [FK_OrganisationSubmissions_Organisations_OrganisationId] FOREIGN KEY ([OrganisationId]) REFERENCES [Organisations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [OrganisationUpdateLinks] (
        [Id] uniqueidentifier NOT NULL,
        [OrganisationId] uniqueidentifier NOT NULL,
        [TokenHash] nvarchar(64) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [ExpiresAt] datetimeoffset NOT NULL,
        [UsedAt] datetimeoffset NULL,
        CONSTRAINT [PK_OrganisationUpdateLinks] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_OrganisationUpdateLinks_Organisations_OrganisationId] FOREIGN KEY ([OrganisationId]) REFERENCES [Organisations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [FactChecks] (
        [Id] uniqueidentifier NOT NULL,
        [CaseId] uniqueidentifier NOT NULL,
        [Slug] nvarchar(32) NOT NULL,
        [Verdict] nvarchar(16) NOT NULL,
        [ClaimAr] nvarchar(1000) NOT NULL,
        [ClaimCkb] nvarchar(1000) NULL,
        [ClaimEn] nvarchar(1000) NULL,
        [ResponseAr] nvarchar(max) NOT NULL,
        [ResponseCkb] nvarchar(max) NULL,
        [ResponseEn] nvarchar(max) NULL,
        [Appearances] nvarchar(max) NOT NULL,
        [ClaimFirstSeen] date NULL,
        [PublishedAt] datetimeoffset NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        [PublishedBy] nvarchar(256) NOT NULL,
        CONSTRAINT [PK_FactChecks] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_FactChecks_RumourCases_CaseId] FOREIGN KEY ([CaseId]) REFERENCES [RumourCases] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [RumourEvents] (
        [Id] uniqueidentifier NOT NULL,
        [CaseId] uniqueidentifier NOT NULL,
        [At] datetimeoffset NOT NULL,
        [ActorName] nvarchar(256) NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [Details] nvarchar(1000) NULL,
        CONSTRAINT [PK_RumourEvents] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_RumourEvents_RumourCases_CaseId] FOREIGN KEY ([CaseId]) REFERENCES [RumourCases] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [RumourNotes] (
        [Id] uniqueidentifier NOT NULL,
        [CaseId] uniqueidentifier NOT NULL,
        [AuthorName] nvarchar(256) NOT NULL,
        [Text] nvarchar(4000) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_RumourNotes] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_RumourNotes_RumourCases_CaseId] FOREIGN KEY ([CaseId]) REFERENCES [RumourCases] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [RumourReports] (
        [Id] uniqueidentifier NOT NULL,
        [CaseId] uniqueidentifier NOT NULL,
        [OrganisationId] uniqueidentifier NOT NULL,
        [ReporterUserId] nvarchar(450) NOT NULL,
        [ReporterName] nvarchar(256) NOT NULL,
        [ClaimText] nvarchar(4000) NOT NULL,
        [Language] nvarchar(10) NOT NULL,
        [Platforms] nvarchar(max) NOT NULL,
        [Links] nvarchar(max) NOT NULL,
        [FirstSeen] date NULL,
        [Reach] nvarchar(32) NOT NULL,
        [Governorates] nvarchar(max) NOT NULL,
        [Targets] nvarchar(max) NOT NULL,
        [SuspectedKind] nvarchar(32) NOT NULL,
        [Details] nvarchar(4000) NULL,
        [ReportedAt] datetimeoffset NOT NULL,
        [Match] nvarchar(16) NOT NULL,
        [Similarity] float NULL,
        [SuggestedCaseId] uniqueidentifier NULL,
        [SubmissionKey] nvarchar(32) NOT NULL,
        CONSTRAINT [PK_RumourReports] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_RumourReports_RumourCases_CaseId] FOREIGN KEY ([CaseId]) REFERENCES [RumourCases] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [ViolationComments] (
        [Id] uniqueidentifier NOT NULL,
        [ReportId] uniqueidentifier NOT NULL,
        [AuthorUserId] nvarchar(450) NOT NULL,
        [AuthorName] nvarchar(256) NOT NULL,
        [FromIhec] bit NOT NULL,
        [Text] nvarchar(4000) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_ViolationComments] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ViolationComments_ViolationReports_ReportId] FOREIGN KEY ([ReportId]) REFERENCES [ViolationReports] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [ViolationEvents] (
        [Id] uniqueidentifier NOT NULL,
        [ReportId] uniqueidentifier NOT NULL,
        [At] datetimeoffset NOT NULL,
        [ActorName] nvarchar(256) NOT NULL,
        [Kind] nvarchar(32) NOT NULL,
        [FromState] nvarchar(20) NULL,
        [ToState] nvarchar(20) NULL,
        [Details] nvarchar(2000) NULL,
        CONSTRAINT [PK_ViolationEvents] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ViolationEvents_ViolationReports_ReportId] FOREIGN KEY ([ReportId]) REFERENCES [ViolationReports] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [ViolationEvidence] (
        [Id] uniqueidentifier NOT NULL,
        [ReportId] uniqueidentifier NOT NULL,
        [FileId] nvarchar(100) NOT NULL,
        [FileKind] nvarchar(16) NOT NULL,
        [FileName] nvarchar(260) NOT NULL,
        [Length] bigint NOT NULL,
        CONSTRAINT [PK_ViolationEvidence] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ViolationEvidence_ViolationReports_ReportId] FOREIGN KEY ([ReportId]) REFERENCES [ViolationReports] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [ViolationReadMarks] (
        [UserId] nvarchar(450) NOT NULL,
        [ReportId] uniqueidentifier NOT NULL,
        [SeenAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_ViolationReadMarks] PRIMARY KEY ([UserId], [ReportId]),
        CONSTRAINT [FK_ViolationReadMarks_ViolationReports_ReportId] FOREIGN KEY ([ReportId]) REFERENCES [ViolationReports] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [ChatMessages] (
        [Id] uniqueidentifier NOT NULL,
        [ConversationId] uniqueidentifier NOT NULL,
        [Sequence] bigint NOT NULL,
        [ClientMessageId] nvarchar(64) NOT NULL,
        [AuthorUserId] nvarchar(450) NOT NULL,
        [AuthorName] nvarchar(256) NOT NULL,
        [FromIhec] bit NOT NULL,
        [Kind] nvarchar(16) NOT NULL,
        [Text] nvarchar(max) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [AttachmentFileId] nvarchar(64) NULL,
        [AttachmentKind] nvarchar(16) NULL,
        [AttachmentName] nvarchar(200) NULL,
        [AttachmentLength] bigint NULL,
        CONSTRAINT [PK_ChatMessages] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ChatMessages_ChatConversations_ConversationId] FOREIGN KEY ([ConversationId]) REFERENCES [ChatConversations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [ChatRatings] (
        [ConversationId] uniqueidentifier NOT NULL,
        [Score] int NOT NULL,
        [Comment] nvarchar(2000) NULL,
        [UserId] nvarchar(450) NOT NULL,
        [UserName] nvarchar(256) NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_ChatRatings] PRIMARY KEY ([ConversationId]),
        CONSTRAINT [FK_ChatRatings_ChatConversations_ConversationId] FOREIGN KEY ([ConversationId]) REFERENCES [ChatConversations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [ChatReadMarkers] (
        [ConversationId] uniqueidentifier NOT NULL,
        [UserId] nvarchar(450) NOT NULL,
        [DeliveredSequence] bigint NOT NULL,
        [ReadSequence] bigint NOT NULL,
        [UpdatedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_ChatReadMarkers] PRIMARY KEY ([ConversationId], [UserId]),
        CONSTRAINT [FK_ChatReadMarkers_ChatConversations_ConversationId] FOREIGN KEY ([ConversationId]) REFERENCES [ChatConversations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [CsoReportErrata] (
        [Id] uniqueidentifier NOT NULL,
        [ReportId] uniqueidentifier NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [Text] nvarchar(4000) NOT NULL,
        [VersionNumber] int NOT NULL,
        CONSTRAINT [PK_CsoReportErrata] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CsoReportErrata_CsoReports_ReportId] FOREIGN KEY ([ReportId]) REFERENCES [CsoReports] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [CsoReportFiles] (
        [Id] uniqueidentifier NOT NULL,
        [ReportId] uniqueidentifier NOT NULL,
        [FileId] nvarchar(100) NOT NULL,
        [FileKind] nvarchar(16) NOT NULL,
        [Length] bigint NOT NULL,
        [FileName] nvarchar(260) NOT NULL,
        [AddedAt] datetimeoffset NOT NULL,
        CONSTRAINT [PK_CsoReportFiles] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CsoReportFiles_CsoReports_ReportId] FOREIGN KEY ([ReportId]) REFERENCES [CsoReports] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [CsoReportVersions] (
        [Id] uniqueidentifier NOT NULL,
        [ReportId] uniqueidentifier NOT NULL,
        [VersionNumber] int NOT NULL,
        [CreatedAt] datetimeoffset NOT NULL,
        [Title] nvarchar(300) NOT NULL,
        [Summary] nvarchar(2000) NULL,
        [Body] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_CsoReportVersions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CsoReportVersions_CsoReports_ReportId] FOREIGN KEY ([ReportId]) REFERENCES [CsoReports] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE TABLE [RumourScreenshots] (
        [Id] uniqueidentifier NOT NULL,
        [ReportId] uniqueidentifier NOT NULL,
        [FileId] nvarchar(100) NOT NULL,
        [FileKind] nvarchar(16) NOT NULL,
        [FileName] nvarchar(260) NOT NULL,
        CONSTRAINT [PK_RumourScreenshots] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_RumourScreenshots_RumourReports_ReportId] FOREIGN KEY ([ReportId]) REFERENCES [RumourReports] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_AnnouncementReads_UserId_AnnouncementId] ON [AnnouncementReads] ([UserId], [AnnouncementId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_AnnouncementRecipients_OrganisationId] ON [AnnouncementRecipients] ([OrganisationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Announcements_Number] ON [Announcements] ([Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_Announcements_SentAt] ON [Announcements] ([SentAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Announcements_SubmissionKey] ON [Announcements] ([SubmissionKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetRoleClaims_RoleId] ON [AspNetRoleClaims] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [RoleNameIndex] ON [AspNetRoles] ([NormalizedName]) WHERE [NormalizedName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserClaims_UserId] ON [AspNetUserClaims] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserLogins_UserId] ON [AspNetUserLogins] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserRoles_RoleId] ON [AspNetUserRoles] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [EmailIndex] ON [AspNetUsers] ([NormalizedEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUsers_OrganisationId] ON [AspNetUsers] ([OrganisationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UserNameIndex] ON [AspNetUsers] ([NormalizedUserName]) WHERE [NormalizedUserName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_Action] ON [AuditEntries] ([Action]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_ActorUserId] ON [AuditEntries] ([ActorUserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_At] ON [AuditEntries] ([At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_ChatCannedResponses_Title] ON [ChatCannedResponses] ([Title]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_ChatConversations_OrganisationId_UpdatedAt] ON [ChatConversations] ([OrganisationId], [UpdatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_ChatConversations_State_UpdatedAt] ON [ChatConversations] ([State], [UpdatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ChatMessages_ConversationId_AuthorUserId_ClientMessageId] ON [ChatMessages] ([ConversationId], [AuthorUserId], [ClientMessageId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ChatMessages_ConversationId_Sequence] ON [ChatMessages] ([ConversationId], [Sequence]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_ChatMessages_CreatedAt] ON [ChatMessages] ([CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_CsoReportErrata_ReportId] ON [CsoReportErrata] ([ReportId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_CsoReportFiles_ReportId] ON [CsoReportFiles] ([ReportId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_CsoReports_OrganisationId_State] ON [CsoReports] ([OrganisationId], [State]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_CsoReports_Slug] ON [CsoReports] ([Slug]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_CsoReports_State_Listing] ON [CsoReports] ([State], [Listing]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_CsoReportVersions_ReportId_VersionNumber] ON [CsoReportVersions] ([ReportId], [VersionNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_DataQualityAlert_LastSeenAt] ON [DataQualityAlert] ([LastSeenAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_DataQualityAlert_ResolvedAt_Source_ElectionId] ON [DataQualityAlert] ([ResolvedAt], [Source], [ElectionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_FactChecks_CaseId] ON [FactChecks] ([CaseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_FactChecks_PublishedAt] ON [FactChecks] ([PublishedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_FactChecks_Slug] ON [FactChecks] ([Slug]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_LibraryAttachments_DocumentId] ON [LibraryAttachments] ([DocumentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_LibraryDocuments_IsPublished_Kind] ON [LibraryDocuments] ([IsPublished], [Kind]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_LibraryDocuments_Kind_Year_Number] ON [LibraryDocuments] ([Kind], [Year], [Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_LibraryMilestones_Date] ON [LibraryMilestones] ([Date]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_LibraryMilestones_DocumentId] ON [LibraryMilestones] ([DocumentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_LibraryRelations_FromDocumentId_ToDocumentId_Kind] ON [LibraryRelations] ([FromDocumentId], [ToDocumentId], [Kind]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_LibraryRelations_ToDocumentId] ON [LibraryRelations] ([ToDocumentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_LibraryVersions_DocumentId_VersionNumber] ON [LibraryVersions] ([DocumentId], [VersionNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Organisations_ContactEmail] ON [Organisations] ([ContactEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Organisations_Reference] ON [Organisations] ([Reference]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Organisations_RegistrationNumber] ON [Organisations] ([RegistrationNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_Organisations_Status] ON [Organisations] ([Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_OrganisationSubmissions_OrganisationId] ON [OrganisationSubmissions] ([OrganisationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_OrganisationUpdateLinks_OrganisationId] ON [OrganisationUpdateLinks] ([OrganisationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_OrganisationUpdateLinks_TokenHash] ON [OrganisationUpdateLinks] ([TokenHash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_ResultsTapeRecord_ElectionId_StationCode] ON [ResultsTapeRecord] ([ElectionId], [StationCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_ResultsTapeRecord_ElectionId_Status_Governorate] ON [ResultsTapeRecord] ([ElectionId], [Status], [Governorate]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ResultsTapeRecord_OrganisationId_ClientKey] ON [ResultsTapeRecord] ([OrganisationId], [ClientKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_ResultsTapeRecord_OrganisationId_SubmittedAt] ON [ResultsTapeRecord] ([OrganisationId], [SubmittedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_RumourCases_Number] ON [RumourCases] ([Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_RumourCases_Status_CreatedAt] ON [RumourCases] ([Status], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_RumourEvents_CaseId] ON [RumourEvents] ([CaseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_RumourNotes_CaseId] ON [RumourNotes] ([CaseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_RumourReports_CaseId] ON [RumourReports] ([CaseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_RumourReports_OrganisationId_ReportedAt] ON [RumourReports] ([OrganisationId], [ReportedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_RumourReports_SubmissionKey] ON [RumourReports] ([SubmissionKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_RumourScreenshots_ReportId] ON [RumourScreenshots] ([ReportId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_StoredStationResult_ElectionId_StationCode] ON [StoredStationResult] ([ElectionId], [StationCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_TallySnapshot_Kind_ElectionId] ON [TallySnapshot] ([Kind], [ElectionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_ViolationComments_ReportId_CreatedAt] ON [ViolationComments] ([ReportId], [CreatedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_ViolationEvents_ReportId_At] ON [ViolationEvents] ([ReportId], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_ViolationEvidence_ReportId] ON [ViolationEvidence] ([ReportId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_ViolationReadMarks_ReportId] ON [ViolationReadMarks] ([ReportId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_ViolationReports_DuplicateOfId] ON [ViolationReports] ([DuplicateOfId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_ViolationReports_ElectionId_OccurredAt] ON [ViolationReports] ([ElectionId], [OccurredAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_ViolationReports_Governorate] ON [ViolationReports] ([Governorate]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ViolationReports_Number] ON [ViolationReports] ([Number]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_ViolationReports_OrganisationId_SubmissionKey] ON [ViolationReports] ([OrganisationId], [SubmissionKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_ViolationReports_OrganisationId_SubmittedAt] ON [ViolationReports] ([OrganisationId], [SubmittedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    CREATE INDEX [IX_ViolationReports_State_SubmittedAt] ON [ViolationReports] ([State], [SubmittedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261130151949_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261130151949_Initial', N'10.0.14');
END;

COMMIT;
GO

