import { describe, expect, it } from "vitest";
import { invoiceCsv } from "./invoice-csv";

describe("invoice CSV", () => {
  it("writes one row per line and a total, quoting what needs quoting", () => {
    const csv = invoiceCsv({
      id: "inv1",
      number: "INV-2026-000042",
      tenantId: "t1",
      period: "2026-10",
      status: "issued",
      currency: "USD",
      planId: "p",
      planName: "Starter",
      totalMicros: 9_010_000,
      total: "$9.01",
      createdAt: "",
      issuedAt: null,
      paidAt: null,
      voidedAt: null,
      lines: [
        {
          kind: "fee",
          description: "Plan fee: Starter",
          quantity: 1,
          unitMicros: 9_000_000,
          amountMicros: 9_000_000,
          amount: "$9.000000",
        },
        {
          kind: "overage",
          description: 'Overage: 2,001 tokens "past" 5,000,000',
          quantity: 2001,
          unitMicros: 5_000_000,
          amountMicros: 10_005,
          amount: "",
        },
        {
          kind: "rounding",
          description: "Rounding to whole cents",
          quantity: 1,
          unitMicros: -5,
          amountMicros: -5,
          amount: "",
        },
      ],
    });
    expect(csv.split("\r\n")).toEqual([
      "number,tenantId,period,status,currency,kind,description,quantity,unitMicros,amountMicros",
      "INV-2026-000042,t1,2026-10,issued,USD,fee,Plan fee: Starter,1,9000000,9000000",
      'INV-2026-000042,t1,2026-10,issued,USD,overage,"Overage: 2,001 tokens ""past"" 5,000,000",2001,5000000,10005',
      "INV-2026-000042,t1,2026-10,issued,USD,rounding,Rounding to whole cents,1,-5,-5",
      "INV-2026-000042,t1,2026-10,issued,USD,total,Total $9.01,,,9010000",
      "",
    ]);
  });
});

describe("invoice CSV and formulas", () => {
  it("neutralises a text cell that reads as a formula and keeps negative amounts numbers", () => {
    const csv = invoiceCsv({
      id: "inv2",
      number: null,
      tenantId: "t1",
      period: "2026-10",
      status: "draft",
      currency: "USD",
      planId: "p",
      planName: "x",
      totalMicros: -5,
      total: "-$0.00",
      createdAt: "",
      issuedAt: null,
      paidAt: null,
      voidedAt: null,
      lines: [
        {
          kind: "rounding",
          description: "@SUM(1+1)*cmd|' /C calc'!A0",
          quantity: 1,
          unitMicros: -5,
          amountMicros: -5,
          amount: "",
        },
      ],
    });
    expect(csv.split("\r\n")[1]).toBe(
      ",t1,2026-10,draft,USD,rounding,'@SUM(1+1)*cmd|' /C calc'!A0,1,-5,-5",
    );
    expect(csv.split("\r\n")[2]).toBe(",t1,2026-10,draft,USD,total,Total -$0.00,,,-5");
  });
});
