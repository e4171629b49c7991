import type { Page } from 'playwright-core';
import { ENGINE_TIMEOUT } from '../support/session';
import { descriptionOf, escapeRe } from './read';

export interface NewCollection {
  name: string;
  model?: string;
  chunkSize?: number;
  chunkOverlap?: number;
}

/** `#/`: the collections table and the "New collection" form. */
export class CollectionsPage {
  constructor(readonly page: Page) {}

  get heading() {
    return this.page.getByRole('heading', { level: 1, name: 'Collections' });
  }
  get table() {
    return this.page.getByTestId('collections-table');
  }
  get rows() {
    return this.page.getByTestId('collection-row');
  }
  get form() {
    return this.page.getByTestId('create-collection');
  }
  get name() {
    return this.form.getByRole('textbox', { name: 'Name' });
  }
  get model() {
    return this.form.getByRole('combobox', { name: 'Model' });
  }
  get chunkSize() {
    return this.form.getByRole('spinbutton', { name: 'Chunk size (tokens)' });
  }
  get chunkOverlap() {
    return this.form.getByRole('spinbutton', { name: 'Chunk overlap (tokens)' });
  }
  get create() {
    return this.form.getByRole('button', { name: /^Create collection|^Creating/ });
  }

  async waitForLoad(): Promise<void> {
    await this.heading.waitFor();
  }

  /** The row of one collection, found by its link. */
  row(name: string) {
    return this.rows.filter({ has: this.page.getByRole('link', { name, exact: true }) });
  }

  async fill(c: NewCollection): Promise<void> {
    await this.name.fill(c.name);
    // The select stays disabled until the model list arrives; selectOption waits for the option.
    if (c.model) await this.model.selectOption(c.model);
    if (c.chunkSize !== undefined) await this.chunkSize.fill(String(c.chunkSize));
    if (c.chunkOverlap !== undefined) await this.chunkOverlap.fill(String(c.chunkOverlap));
  }

  /** Fills the form and submits it; the console then opens the new collection's Import tab. */
  async createCollection(c: NewCollection): Promise<void> {
    await this.fill(c);
    await this.create.click();
    // Creating loads the model to measure the dimension.
    await this.page.getByRole('heading', { level: 1, name: new RegExp(`Collection ${escapeRe(c.name)}$`) }).waitFor({ timeout: ENGINE_TIMEOUT });
  }

  /** The name field's message (help or error), as read with the field. */
  nameMessage(): Promise<string> {
    return descriptionOf(this.name);
  }

  async nameInvalid(): Promise<boolean> {
    return (await this.name.getAttribute('aria-invalid')) === 'true';
  }
}
