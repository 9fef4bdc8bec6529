import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { FundReportDocument, type FundReportQuery } from '../../gql/graphql';
import { ErrorNotice } from '../common/ErrorNotice';
import { endOfDay, money, startOfDay } from '../common/format';
import { Loading } from '../common/Loading';
import { TextField } from '../common/TextField';
import { CHART_IN, CHART_OUT, formatMonth, moneyTick, moneyValue } from './chartFormat';

type Report = FundReportQuery['fundReport'];

const CHART_HEIGHT = 280;

/** Where the money came from and went: totals, two charts (each with a table for screen readers), projects, sources. */
export function FundReportSection({ fundId, currency }: { fundId: string; currency: string }) {
  const { t } = useTranslation();
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const period = {
    from: from ? startOfDay(from) : null,
    to: to ? endOfDay(to) : null,
  };
  const { data, loading, error, refetch } = useQuery(FundReportDocument, { variables: { fundId, ...period } });
  const report = data?.fundReport;
  const csvParams = new URLSearchParams();
  if (from) csvParams.set('from', from);
  if (to) csvParams.set('to', to);
  const csvQuery = csvParams.toString();

  return (
    <section className="stack" aria-labelledby="report-title">
      <div className="card">
        <h2 id="report-title">{t('report.title')}</h2>
        <p className="muted small">{t('report.intro')}</p>
        <div className="form-row report-period">
          <TextField
            label={t('report.from')}
            type="date"
            optional
            value={from}
            onChange={setFrom}
            max={to || undefined}
          />
          <TextField label={t('report.to')} type="date" optional value={to} onChange={setTo} min={from || undefined} />
        </div>
        {report ? (
          <dl className="details report-totals">
            <div>
              <dt>{t('report.totalIn')}</dt>
              <dd className="money money-large">{money(report.totalIn)}</dd>
            </div>
            <div>
              <dt>{t('report.totalOut')}</dt>
              <dd className="money money-large">{money(report.totalOut)}</dd>
            </div>
          </dl>
        ) : null}
        <p className="csv-links">
          <a className="button button-secondary button-small" href={`/api/funds/${fundId}/ledger.csv`} download>
            {t('report.ledgerCsv')}
          </a>
          <a
            className="button button-secondary button-small"
            href={`/api/funds/${fundId}/report.csv${csvQuery ? `?${csvQuery}` : ''}`}
            download
          >
            {t('report.reportCsv')}
          </a>
        </p>
      </div>
      {loading && !data ? <Loading /> : null}
      {error && !data ? <ErrorNotice error={error} onRetry={() => void refetch()} /> : null}
      {report ? (
        <>
          <div className="two-col">
            <CategoryChart report={report} currency={currency} />
            <MonthlyChart report={report} currency={currency} />
          </div>
          <ProposalMoney report={report} />
          <Sources report={report} />
        </>
      ) : null}
    </section>
  );
}

interface InOutRow {
  key: string;
  name: string;
  in: Money;
  out: Money;
}

type Money = Report['totalIn'];

function CategoryChart({ report, currency }: { report: Report; currency: string }) {
  const { t } = useTranslation();
  return (
    <InOutChart
      id="chart-category-title"
      title={t('report.byCategory')}
      rowHeader={t('report.category')}
      inLabel={t('report.raised')}
      outLabel={t('report.spent')}
      allTicks
      currency={currency}
      rows={report.byCategory.map((c) => ({
        key: c.category,
        name: t(`categories.${c.category}`),
        in: c.raised,
        out: c.spent,
      }))}
    />
  );
}

function MonthlyChart({ report, currency }: { report: Report; currency: string }) {
  const { t, i18n } = useTranslation();
  return (
    <InOutChart
      id="chart-monthly-title"
      title={t('report.overTime')}
      rowHeader={t('report.month')}
      inLabel={t('report.moneyIn')}
      outLabel={t('report.moneyOut')}
      currency={currency}
      rows={report.monthly.map((m) => ({
        key: m.month,
        name: formatMonth(m.month, i18n.language),
        in: m.totalIn,
        out: m.totalOut,
      }))}
    />
  );
}

/** Money in and out per row as bars, with the same figures in a table for screen readers. */
function InOutChart(props: {
  id: string;
  title: string;
  rowHeader: string;
  inLabel: string;
  outLabel: string;
  currency: string;
  rows: InOutRow[];
  allTicks?: boolean;
}) {
  const { t } = useTranslation();
  const { id, title, rowHeader, inLabel, outLabel, currency, rows, allTicks = false } = props;
  const data = rows.map((r) => ({ name: r.name, in: r.in.minorUnits, out: r.out.minorUnits }));
  return (
    <figure className="card chart" aria-labelledby={id}>
      <figcaption>
        <h3 id={id}>{title}</h3>
      </figcaption>
      {rows.length === 0 ? (
        <p className="empty">{t('report.noData')}</p>
      ) : (
        <>
          <div className="chart-box" aria-hidden="true">
            <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
              <BarChart data={data} accessibilityLayer={false} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                <XAxis dataKey="name" tick={{ fontSize: 12 }} {...(allTicks ? { interval: 0 } : {})} />
                <YAxis allowDecimals={false} tickFormatter={moneyTick(currency)} width={88} tick={{ fontSize: 12 }} />
                <Tooltip formatter={moneyValue(currency)} />
                <Legend />
                <Bar dataKey="in" name={inLabel} fill={CHART_IN} />
                <Bar dataKey="out" name={outLabel} fill={CHART_OUT} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <table className="visually-hidden">
            <caption>{title}</caption>
            <thead>
              <tr>
                <th scope="col">{rowHeader}</th>
                <th scope="col">{inLabel}</th>
                <th scope="col">{outLabel}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.name}</th>
                  <td>{money(r.in)}</td>
                  <td>{money(r.out)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </figure>
  );
}

/** Per project: budget, money raised for it (sponsors and campaigns), money paid out; a bar shows paid out against the budget. */
function ProposalMoney({ report }: { report: Report }) {
  const { t } = useTranslation();
  return (
    <section className="card" aria-labelledby="by-proposal-title">
      <h3 id="by-proposal-title">{t('report.byProposal')}</h3>
      {report.byProposal.length === 0 ? (
        <p className="empty">{t('report.noData')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t('report.byProposal')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('report.proposal')}</th>
                <th scope="col" className="num">
                  {t('report.budget')}
                </th>
                <th scope="col" className="num">
                  {t('report.raisedFor')}
                </th>
                <th scope="col" className="num">
                  {t('report.spent')}
                </th>
                <th scope="col">{t('report.spentOfBudget')}</th>
              </tr>
            </thead>
            <tbody>
              {report.byProposal.map((p) => (
                <tr key={p.proposal.id}>
                  <th scope="row" data-label={t('report.proposal')}>
                    <Link to={`/proposals/${p.proposal.id}`}>{p.proposal.title}</Link>
                  </th>
                  <td data-label={t('report.budget')} className="num money">
                    {money(p.budget)}
                  </td>
                  <td data-label={t('report.raisedFor')} className="num money">
                    {money(p.raised)}
                  </td>
                  <td data-label={t('report.spent')} className="num money">
                    {money(p.spent)}
                  </td>
                  <td data-label={t('report.spentOfBudget')}>
                    <progress
                      className="budget-bar"
                      max={Math.max(p.budget.minorUnits, 1)}
                      value={Math.min(p.spent.minorUnits, p.budget.minorUnits)}
                      aria-label={t('report.spentOfBudgetNamed', {
                        spent: money(p.spent),
                        budget: money(p.budget),
                        title: p.proposal.title,
                      })}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function Sources({ report }: { report: Report }) {
  const { t } = useTranslation();
  if (report.bySource.length === 0) return null;
  return (
    <section className="card" aria-labelledby="by-source-title">
      <h3 id="by-source-title">{t('report.bySource')}</h3>
      <div className="table-wrap">
        <table className="data-table">
          <caption className="visually-hidden">{t('report.bySource')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('report.source')}</th>
              <th scope="col">{t('report.kind')}</th>
              <th scope="col" className="num">
                {t('report.amount')}
              </th>
            </tr>
          </thead>
          <tbody>
            {report.bySource.map((s) => (
              <tr key={`${s.kind}:${s.source}`}>
                <th scope="row" data-label={t('report.source')}>
                  {s.source}
                </th>
                <td data-label={t('report.kind')}>{t(`ledgerKind.${s.kind}`)}</td>
                <td data-label={t('report.amount')} className="num money">
                  {money(s.amount)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
