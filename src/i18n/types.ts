/** The shape every locale's UI dictionary must fill: adding a locale means one more such file. */
export interface UiStrings {
  /** Site name in the header and `<title>`. */
  readonly siteName: string;
  /** One-line description of the site. */
  readonly siteDescription: string;
  /** Skip link text. */
  readonly skipToContent: string;
  /** Label of the main navigation. */
  readonly mainNavigation: string;
  /** Label of the language switcher. */
  readonly languageSwitcher: string;
  /** Landing page link into a locale ("Read in English"). */
  readonly chooseLanguage: (languageLabel: string) => string;
  /** Navigation entry and title of the locale's home. */
  readonly home: string;
  /** Navigation entry and title of the events index. */
  readonly events: string;
  /** Navigation entry and title of the speakers index. */
  readonly speakers: string;
  /** Navigation entry and title of the organisations index. */
  readonly organisations: string;
  /** Navigation entry and title of the tags index. */
  readonly tags: string;
  /** Navigation entry and title of the archive. */
  readonly archive: string;
  /** Heading of the latest stories list. */
  readonly latestStories: string;
  /** Text when a list has no stories. */
  readonly noStories: string;
  /** Badge naming the language of a story shown in another locale's listing. */
  readonly inLanguage: (languageLabel: string) => string;
  /** Label of the pagination navigation. */
  readonly pagination: string;
  /** "Page 2 of 5". */
  readonly pageOf: (page: number, count: number) => string;
  /** Link to the previous (newer) page of a listing. */
  readonly previousPage: string;
  /** Link to the next (older) page of a listing. */
  readonly nextPage: string;
  /** Label before the publication date. */
  readonly published: string;
  /** Label before the date of the last revision. */
  readonly updated: string;
  /** Label of a correction notice, before its text: "Correction, 3 May 2024:" (the date already formatted). */
  readonly correction: (date: string) => string;
  /** Accessible name of the box of corrections at the top of an article. */
  readonly corrections: string;
  /** Heading of the related stories at the end of an article. */
  readonly relatedStories: string;
  /** Heading of the event box of an article. */
  readonly event: string;
  /** Link from the event box to the event page. */
  readonly aboutEvent: string;
  /** Label of an event's dates. */
  readonly dates: string;
  /** Shown when an event's dates are not known yet. */
  readonly datesToBeConfirmed: string;
  /** Label of an event's place. */
  readonly place: string;
  /** Label of an event's organisers. */
  readonly organisers: string;
  /** Label of an event's theme. */
  readonly theme: string;
  /** Label of the larger event or body something is part of. */
  readonly partOf: string;
  /** Heading of the events that are part of this one. */
  readonly subEvents: string;
  /** Label of the original publication link. */
  readonly source: string;
  /** Text of the original publication link. */
  readonly sourceLink: string;
  /** Label of the previous/next story navigation. */
  readonly storyNavigation: string;
  /** Link to the next newer story. */
  readonly newerStory: string;
  /** Link to the next older story. */
  readonly olderStory: string;
  /** Label before links to the same story in other languages. */
  readonly alsoIn: string;
  /** Label before a photo credit ("Photo: ZGC Forum"). */
  readonly credit: (name: string) => string;
  /** Screen-reader name of a code block in an article, before its language ("Code: Python"). */
  readonly codeBlock: string;
  /** Screen-reader name of a table's scroll box in an article, before its caption or headings. */
  readonly table: string;
  /** Screen-reader label of a heading's self-link. */
  readonly sectionLink: string;
  /** Title of an embedded video the editor gave none (the player's title and its link's text). */
  readonly video: string;
  /** Visible label of a callout in a body (`> [!NOTE]`, `:::tip`), by kind. */
  readonly callouts: {
    readonly note: string;
    readonly tip: string;
    readonly info: string;
    readonly important: string;
    readonly warning: string;
    readonly caution: string;
    readonly danger: string;
  };
  /** Accessible name of a displayed formula's scroll box. */
  readonly formula: string;
  /** Caption of a Mermaid diagram shown as its source code ("Diagram (Mermaid source)"). */
  readonly diagramSource: string;
  /** Heading of the stories list on speaker, organisation, event and tag pages. */
  readonly stories: string;
  /** "3 stories". */
  readonly storyCount: (count: number) => string;
  /** Label of the speaker's role. */
  readonly role: string;
  /** Label of the speaker's organisation. */
  readonly organisation: string;
  /** Label of names in other languages on speaker and organisation pages. */
  readonly otherNames: string;
  /** Heading of a speaker's biography. */
  readonly biography: string;
  /** Heading of a speaker's or organisation's external links. */
  readonly links: string;
  /** Heading of the events a speaker attended. */
  readonly eventsAttended: string;
  /** Heading of the people of an organisation or an event. */
  readonly people: string;
  /** Heading of the events an organisation organised. */
  readonly eventsOrganised: string;
  /** Heading of an organisation's member bodies. */
  readonly memberBodies: string;
  /** Label of an organisation's website. */
  readonly website: string;
  /** Label of the initials jump list of an index. */
  readonly jumpToLetter: string;
  /** Heading of the events index group whose dates are unknown. */
  readonly undated: string;
  /** Title of the archive page of a year ("2024"). */
  readonly archiveYear: (year: string) => string;
  /** Title of the 404 page. */
  readonly notFoundTitle: string;
  /** Body of the 404 page. */
  readonly notFoundBody: string;
  /** Title of a redirect page of a moved story. */
  readonly movedTitle: string;
  /** Text before the link on a redirect page. */
  readonly movedBody: string;
  /** Separator between items written in a row (", " or "，"). */
  readonly listSeparator: string;
  /** An event's place from its venue and city, in the locale's order. */
  readonly placeOf: (venue: string | undefined, city: string | undefined) => string;
  /** Footer line, given the site's languages as one list ("English, Chinese and French"). */
  readonly footer: (languages: string) => string;
  /** Text of the disclosure button of the main navigation on narrow screens. */
  readonly menu: string;
  /** Language switcher entry, in its own language, leading to that locale's home ("中文首页"). */
  readonly languageHome: (languageLabel: string) => string;
  /** Why the switcher leads to that home, in its own language, with its brackets ("（本页没有中文版）"). */
  readonly noVersionIn: (languageLabel: string) => string;
  /** "Including 1 from its sessions.": how many of an event's stories cover its sessions. */
  readonly includingSessions: (count: number) => string;
  /** Label of a printed page's own address, at its end ("Online at"). */
  readonly onlineAt: string;
  /** Navigation entry and title of the search page. */
  readonly search: string;
  /** Label of the search box. */
  readonly searchLabel: string;
  /** Text of the search button. */
  readonly searchButton: string;
  /** Search scope: only this locale's stories. */
  readonly searchThisLanguage: string;
  /** Search scope: stories in every language. */
  readonly searchAllLanguages: string;
  /** Label of the search scope choice. */
  readonly searchScope: string;
  /** Label of the topic filter. */
  readonly filterTag: string;
  /** Label of the speaker filter. */
  readonly filterSpeaker: string;
  /** Label of the year filter. */
  readonly filterYear: string;
  /** The "no filter" choice of a filter. */
  readonly filterAny: string;
  /** Shown while searching. */
  readonly searching: string;
  /** "3 results for …". */
  readonly searchResults: (count: number, query: string) => string;
  /** Shown when nothing matches. */
  readonly searchNoResults: (query: string) => string;
  /** Shown without JavaScript: search needs it; the archive does not. */
  readonly searchNeedsJavaScript: string;
  /** Title of a feed link in `<head>` ("News Archive (RSS)"), given the format's name. */
  readonly feedLinkTitle: (format: string) => string;
  /** Title of a topic's feed ("Innovation · News Archive"). */
  readonly topicFeedTitle: (label: string) => string;
  /** Description of a topic's feed. */
  readonly topicFeedDescription: (label: string) => string;
  /** Title of a speaker's feed. */
  readonly speakerFeedTitle: (name: string) => string;
  /** Description of a speaker's feed. */
  readonly speakerFeedDescription: (name: string) => string;
  /** Name of the calendar of all dated events (`events.ics`). */
  readonly eventsCalendar: string;
  /** A labelled line of plain text, such as a calendar entry's description ("Theme: …", "主题：…"). */
  readonly labelled: (label: string, value: string) => string;
  /** A short aside in brackets, such as an organisation's acronym after its name ("(WIPO)", "（产权组织）"). */
  readonly parenthesised: (text: string) => string;
  /** Label of the footer's feed links. */
  readonly feeds: string;
  /** Link to a topic's or speaker's RSS feed. */
  readonly subscribe: string;
  /** Link to an event's calendar file. */
  readonly addToCalendar: string;
  /** Link to the calendar file of every event. */
  readonly allEventsCalendar: string;
}
